package dev.dbq.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * How the reads of several databases make one answer, for a {@link Dbq} with routes. A queue lives
 * in one database, so its entries usually come from one; a queue found in two (jobs enqueued there
 * before it was routed, or through a caller's connection) is summed, so that no job goes uncounted.
 */
final class RoutedReads {
  private RoutedReads() {}

  /** Queue stats by queue name: counts summed, the longest wait kept. */
  static List<QueueStats> mergeStats(List<List<QueueStats>> each) {
    Map<String, QueueStats> byQueue = new TreeMap<>();
    for (List<QueueStats> stats : each) {
      for (QueueStats s : stats) {
        byQueue.merge(
            s.queue(),
            s,
            (a, b) ->
                new QueueStats(
                    a.queue(),
                    a.runnable() + b.runnable(),
                    a.scheduled() + b.scheduled(),
                    a.held() + b.held(),
                    longer(a.oldestRunnableAge(), b.oldestRunnableAge())));
      }
    }
    return List.copyOf(byQueue.values());
  }

  /**
   * Queues by name: the settings of the database that serves the queue, the job counts of all.
   *
   * @param each each database's queues, in the order of {@link Databases#all()}
   */
  static List<QueueInfo> mergeQueues(List<List<QueueInfo>> each, Databases databases) {
    Map<String, QueueInfo> settings = new TreeMap<>(); // from the serving database, else the first
    Map<String, Map<JobState, Long>> jobs = new TreeMap<>();
    Map<String, Optional<Duration>> waits = new TreeMap<>();
    for (int index = 0; index < each.size(); index++) {
      for (QueueInfo q : each.get(index)) {
        if (databases.indexOf(q.name()) == index || !settings.containsKey(q.name())) {
          settings.put(q.name(), q);
        }
        Map<JobState, Long> counts =
            jobs.computeIfAbsent(q.name(), n -> new EnumMap<>(JobState.class));
        q.jobs().forEach((state, n) -> counts.merge(state, n, Long::sum));
        waits.merge(q.name(), q.oldestWaiting(), RoutedReads::longer);
      }
    }
    List<QueueInfo> merged = new ArrayList<>();
    settings.forEach(
        (name, q) ->
            merged.add(
                new QueueInfo(
                    name, q.paused(), q.concurrencyLimit(), jobs.get(name), waits.get(name))));
    return List.copyOf(merged);
  }

  /** Counts by queue and state, summed. */
  static JobCounts mergeCounts(List<JobCounts> each) {
    Map<String, Map<JobState, Long>> byQueue = new TreeMap<>();
    for (JobCounts counts : each) {
      counts
          .byQueue()
          .forEach(
              (queue, states) -> {
                Map<JobState, Long> sum =
                    byQueue.computeIfAbsent(queue, q -> new EnumMap<>(JobState.class));
                states.forEach((state, n) -> sum.merge(state, n, Long::sum));
              });
    }
    return new JobCounts(byQueue);
  }

  /** One action's results on several databases: what each changed, and what none had. */
  static JobActionResult mergeActions(List<JobActionResult> each, List<UUID> notFoundInAny) {
    List<UUID> changed = new ArrayList<>();
    List<UUID> stopRequested = new ArrayList<>();
    Map<UUID, JobState> leftAlone = new LinkedHashMap<>();
    for (JobActionResult result : each) {
      changed.addAll(result.changed());
      stopRequested.addAll(result.stopRequested());
      leftAlone.putAll(result.leftAlone());
    }
    return new JobActionResult(changed, stopRequested, leftAlone, notFoundInAny);
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Optional<Duration> longer(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() ? a : Optional.of(longer(a.get(), b.get()));
  }
}
