package dev.dbq.runtime.internal.store;

import dev.dbq.runtime.JobState;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a listing or a count of jobs matches; each null (or empty) part matches every job. The
 * values are checked by {@code JobQuery}; the statements take them as they are.
 *
 * @param states the states to match, empty for all
 * @param queue the queue, or null
 * @param name the job name, or null
 * @param createdFrom jobs created at or after this, or null
 * @param createdTo jobs created before this, or null
 * @param modifiedFrom jobs modified at or after this, or null
 * @param modifiedTo jobs modified before this, or null
 * @param workspaceContains a JSON object the workspace must contain ({@code @>}), or null
 */
public record ListingFilter(
    Set<JobState> states,
    String queue,
    String name,
    Instant createdFrom,
    Instant createdTo,
    Instant modifiedFrom,
    Instant modifiedTo,
    String workspaceContains) {

  /** Every job. */
  public static final ListingFilter ALL =
      new ListingFilter(Set.of(), null, null, null, null, null, null, null);

  public ListingFilter {
    states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
  }

  public ListingFilter withStates(Set<JobState> states) {
    return new ListingFilter(
        states, queue, name, createdFrom, createdTo, modifiedFrom, modifiedTo, workspaceContains);
  }

  public ListingFilter withQueue(String queue) {
    return new ListingFilter(
        states, queue, name, createdFrom, createdTo, modifiedFrom, modifiedTo, workspaceContains);
  }

  public ListingFilter withName(String name) {
    return new ListingFilter(
        states, queue, name, createdFrom, createdTo, modifiedFrom, modifiedTo, workspaceContains);
  }

  public ListingFilter withCreated(Instant from, Instant to) {
    return new ListingFilter(
        states, queue, name, from, to, modifiedFrom, modifiedTo, workspaceContains);
  }

  public ListingFilter withModified(Instant from, Instant to) {
    return new ListingFilter(
        states, queue, name, createdFrom, createdTo, from, to, workspaceContains);
  }

  public ListingFilter withWorkspaceContains(String json) {
    return new ListingFilter(
        states, queue, name, createdFrom, createdTo, modifiedFrom, modifiedTo, json);
  }

  /**
   * Whether a filter may match few jobs of many (a queue, a name, a workspace): then a page is
   * found from what matches, not by reading each state in order until the page is full.
   */
  boolean mayMatchFew() {
    return queue != null || name != null || workspaceContains != null;
  }
}
