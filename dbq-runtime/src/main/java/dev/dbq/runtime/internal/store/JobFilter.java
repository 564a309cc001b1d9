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
public record JobFilter(
    Set<JobState> states,
    String queue,
    String name,
    Instant createdFrom,
    Instant createdTo,
    Instant modifiedFrom,
    Instant modifiedTo,
    String workspaceContains) {

  /** Every job. */
  public static final JobFilter ALL =
      new JobFilter(Set.of(), null, null, null, null, null, null, null);

  public JobFilter {
    states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
  }

  public JobFilter withStates(Set<JobState> states) {
    return new JobFilter(
        states, queue, name, createdFrom, createdTo, modifiedFrom, modifiedTo, workspaceContains);
  }

  public JobFilter withQueue(String queue) {
    return new JobFilter(
        states, queue, name, createdFrom, createdTo, modifiedFrom, modifiedTo, workspaceContains);
  }

  public JobFilter withName(String name) {
    return new JobFilter(
        states, queue, name, createdFrom, createdTo, modifiedFrom, modifiedTo, workspaceContains);
  }

  public JobFilter withCreated(Instant from, Instant to) {
    return new JobFilter(
        states, queue, name, from, to, modifiedFrom, modifiedTo, workspaceContains);
  }

  public JobFilter withModified(Instant from, Instant to) {
    return new JobFilter(states, queue, name, createdFrom, createdTo, from, to, workspaceContains);
  }

  public JobFilter withWorkspaceContains(String json) {
    return new JobFilter(
        states, queue, name, createdFrom, createdTo, modifiedFrom, modifiedTo, json);
  }

  /**
   * Whether a filter may match few jobs of many (a queue, a name, a workspace): then a page is
   * found from what matches, not by reading each state in order until the page is full.
   */
  boolean mayMatchFew() {
    return queue != null || name != null || workspaceContains != null;
  }

  /** The states a listing scans, one index-ordered scan each: all of them when none is named. */
  EnumSet<JobState> scannedStates() {
    return states.isEmpty() ? EnumSet.allOf(JobState.class) : EnumSet.copyOf(states);
  }
}
