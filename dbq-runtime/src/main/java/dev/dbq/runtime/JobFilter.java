package dev.dbq.runtime;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which stored jobs an action of {@link JobControl} takes: those in any of some states, of a queue,
 * of a job name; every criterion left unset matches every job. Immutable: each {@code with} method
 * returns a new filter.
 *
 * <pre>{@code
 * dbq.control().retry(JobFilter.all().withStates(JobState.FAILED).withQueue("imports"));
 * }</pre>
 *
 * @param states the states to match; empty matches every state
 * @param queue the queue to match, or null for every queue
 * @param name the job name to match, or null for every job name
 */
public record JobFilter(Set<JobState> states, String queue, String name) {
  private static final JobFilter ALL = new JobFilter(Set.of(), null, null);

  /**
   * Copies the states, so the filter never changes.
   *
   * @param states the states to match; empty matches every state
   * @param queue the queue to match, or null for every queue
   * @param name the job name to match, or null for every job name
   */
  public JobFilter {
    states = Set.copyOf(Objects.requireNonNull(states, "states"));
  }

  /**
   * @return the filter that matches every job
   */
  public static JobFilter all() {
    return ALL;
  }

  /**
   * @param first a state to match
   * @param more further states to match
   * @return this filter, matching only jobs in one of the given states
   */
  public JobFilter withStates(JobState first, JobState... more) {
    return new JobFilter(EnumSet.of(first, more), queue, name);
  }

  /**
   * @param states the states to match; empty matches every state
   * @return this filter, matching only jobs in one of the given states
   */
  public JobFilter withStates(Set<JobState> states) {
    return new JobFilter(states, queue, name);
  }

  /**
   * @param queueName the queue to match
   * @return this filter, matching only jobs of that queue
   */
  public JobFilter withQueue(String queueName) {
    return new JobFilter(states, Objects.requireNonNull(queueName, "queueName"), name);
  }

  /**
   * @param jobName the job name to match
   * @return this filter, matching only jobs of that name
   */
  public JobFilter withName(String jobName) {
    return new JobFilter(states, queue, Objects.requireNonNull(jobName, "jobName"));
  }

  /**
   * @return whether this filter matches every job
   */
  public boolean matchesAll() {
    return states.isEmpty() && queue == null && name == null;
  }
}
