package dev.dbq.runtime;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an action of {@link JobControl} did: the jobs it changed and, when it was given ids, the
 * ones it left alone because they were not in a state it takes (or moved on while it ran), and the
 * ids with no job.
 *
 * @param changed the jobs the action changed, in no particular order
 * @param stopRequested of {@code changed}, the running jobs a cancel asked to stop (they end
 *     CANCELLED once their worker stops the step); empty for every other action
 * @param leftAlone the given jobs the action did not change, with the state each was in right
 *     after; empty for an action on a filter
 * @param notFound the given ids with no job (never enqueued, or deleted); empty for an action on a
 *     filter
 */
public record JobActionResult(
    List<UUID> changed,
    List<UUID> stopRequested,
    Map<UUID, JobState> leftAlone,
    List<UUID> notFound) {

  /**
   * Copies the parts, so the result never changes.
   *
   * @param changed the jobs changed
   * @param stopRequested the running jobs asked to stop
   * @param leftAlone the given jobs left alone, with their states
   * @param notFound the given ids with no job
   */
  public JobActionResult {
    changed = List.copyOf(changed);
    stopRequested = List.copyOf(stopRequested);
    leftAlone = Map.copyOf(leftAlone);
    notFound = List.copyOf(notFound);
  }

  /**
   * @return how many jobs the action changed
   */
  public int changedCount() {
    return changed.size();
  }
}
