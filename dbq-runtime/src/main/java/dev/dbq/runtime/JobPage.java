package dev.dbq.runtime;

import java.util.List;
import java.util.Optional;

/**
 * One page of a {@link JobQuery}: its jobs in the claim's order (highest priority first, then
 * oldest), and where the next page starts.
 *
 * @param jobs the jobs of this page, each with its history; at most the query's page size
 * @param nextCursor an opaque position to pass to {@link JobQuery#page(String)} for the next page,
 *     or null when this is the last page
 */
public record JobPage(List<JobInfo> jobs, String nextCursor) {
  /**
   * Copies the jobs, so that the record cannot change.
   *
   * @param jobs the jobs of this page, each with its history; at most the query's page size
   * @param nextCursor an opaque position to pass to {@link JobQuery#page(String)} for the next
   *     page, or null when this is the last page
   */
  public JobPage {
    jobs = List.copyOf(jobs);
  }

  /**
   * Whether more jobs matched than this page holds.
   *
   * @return true when {@link #nextCursor()} is set
   */
  public boolean hasNext() {
    return nextCursor != null;
  }

  /**
   * The cursor of the next page.
   *
   * @return {@link #nextCursor()}, empty on the last page
   */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }
}
