package dev.dbq.runtime;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many jobs a {@link JobQuery} matches, per queue and state: what a dashboard's summary shows.
 *
 * @param byQueue for every queue with at least one matching job, by queue name, a count for every
 *     {@link JobState} (0 when there is none), in declaration order
 */
public record JobCounts(Map<String, Map<JobState, Long>> byQueue) {
  /**
   * Copies the counts, so that the record cannot change; every state is present in each queue.
   *
   * @param byQueue for every queue with at least one matching job, by queue name, a count for every
   *     {@link JobState} (0 when there is none), in declaration order
   */
  public JobCounts {
    Map<String, Map<JobState, Long>> copy = new TreeMap<>();
    byQueue.forEach(
        (queue, counts) -> copy.put(queue, Collections.unmodifiableMap(allStates(counts))));
    byQueue = Collections.unmodifiableMap(copy);
  }

  /**
   * The count of one queue and state.
   *
   * @param queue a queue name
   * @param state a state
   * @return the count, 0 when none matched
   */
  public long count(String queue, JobState state) {
    Map<JobState, Long> counts = byQueue.get(queue);
    return counts == null ? 0 : counts.get(state);
  }

  /**
   * The counts summed over every queue.
   *
   * @return a count for every state, in declaration order
   */
  public Map<JobState, Long> byState() {
    Map<JobState, Long> sum = allStates(Map.of());
    byQueue
        .values()
        .forEach(counts -> counts.forEach((state, n) -> sum.merge(state, n, Long::sum)));
    return Collections.unmodifiableMap(sum);
  }

  /**
   * The count of every matching job.
   *
   * @return the sum of all counts
   */
  public long total() {
    return byQueue.values().stream()
        .flatMap(counts -> counts.values().stream())
        .mapToLong(Long::longValue)
        .sum();
  }

  private static Map<JobState, Long> allStates(Map<JobState, Long> counts) {
    Map<JobState, Long> all = new EnumMap<>(JobState.class);
    for (JobState state : JobState.values()) {
      all.put(state, counts.getOrDefault(state, 0L));
    }
    return all;
  }
}
