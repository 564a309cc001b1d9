package dev.dbq.runtime;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A queue as {@link Queues} reads it: its settings and its jobs. A queue exists as soon as it has a
 * job or an operator configured it; one with neither reads running, unlimited and empty.
 *
 * @param name the queue's name
 * @param paused whether workers claim none of its jobs (see {@link Queues#pause})
 * @param concurrencyLimit the most of its jobs that run at once across all workers, or empty for no
 *     limit (see {@link Queues#limit})
 * @param jobs how many of its jobs are in each state: every {@link JobState}, 0 when none
 * @param oldestWaiting how long its longest-waiting runnable job (NEW or READY, its {@code
 *     run_after} past or unset) has waited, since the later of its last change and its {@code
 *     run_after}; empty when none waits (jobs scheduled for later do not count)
 */
public record QueueInfo(
    String name,
    boolean paused,
    OptionalInt concurrencyLimit,
    Map<JobState, Long> jobs,
    Optional<Duration> oldestWaiting) {

  /**
   * Checks and copies the components.
   *
   * @param name the queue's name
   * @param paused whether it is paused
   * @param concurrencyLimit its limit, or empty
   * @param jobs counts by state; states left out count 0
   * @param oldestWaiting the oldest runnable job's wait, or empty
   */
  public QueueInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(concurrencyLimit, "concurrencyLimit");
    Objects.requireNonNull(oldestWaiting, "oldestWaiting");
    Map<JobState, Long> all = new EnumMap<>(JobState.class);
    for (JobState state : JobState.values()) {
      all.put(state, jobs.getOrDefault(state, 0L));
    }
    jobs = Collections.unmodifiableMap(all);
  }

  /**
   * The jobs of one state.
   *
   * @param state a state
   * @return how many of the queue's jobs are in it
   */
  public long count(JobState state) {
    return jobs.get(state);
  }

  /**
   * The jobs waiting for a worker, runnable now or scheduled for later.
   *
   * @return the queue's NEW and READY jobs
   */
  public long waiting() {
    return count(JobState.NEW) + count(JobState.READY);
  }

  /**
   * The jobs workers hold: what a concurrency limit counts (a job claimed ahead of a free slot
   * counts from its claim).
   *
   * @return the queue's PROCESSING and STOPPING jobs
   */
  public long running() {
    return count(JobState.PROCESSING) + count(JobState.STOPPING);
  }
}
