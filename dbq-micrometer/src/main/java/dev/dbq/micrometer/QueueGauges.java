package dev.dbq.micrometer;

import static dev.dbq.micrometer.MeterNames.QUEUE;
import static dev.dbq.micrometer.MeterNames.STATE;

import dev.dbq.runtime.QueueStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dbq.queue.depth{queue,state}} and {@code dbq.queue.oldest.age{queue}} for a fixed set of
 * queues, all read from one cached {@code Dbq.queueStats()}: a scrape that finds the answer older
 * than the refresh interval asks the database again, once (scrapes meanwhile read the old answer),
 * so however many gauges and scrapes there are, the database sees at most one query per interval. A
 * failed query keeps the last answer and is logged at WARN, once per run of failures.
 */
final class QueueGauges {
  private static final Logger log = LoggerFactory.getLogger(QueueGauges.class);
  private static final QueueStats NONE = new QueueStats("", 0, 0, 0, Duration.ZERO);

  private final Supplier<List<QueueStats>> query;
  private final long refreshNanos;
  private final LongSupplier nanoTime;
  private final ReentrantLock refreshing = new ReentrantLock();
  private volatile Map<String, QueueStats> latest = Map.of();
  private volatile long readAt;
  private volatile boolean read;
  private boolean failing;

  QueueGauges(Supplier<List<QueueStats>> query, Duration refresh, LongSupplier nanoTime) {
    this.query = query;
    this.refreshNanos = refresh.toNanos();
    this.nanoTime = nanoTime;
  }

  void register(MeterRegistry registry, Set<String> queues) {
    for (String queue : queues) {
      depth(registry, queue, "runnable", QueueStats::runnable);
      depth(registry, queue, "scheduled", QueueStats::scheduled);
      depth(registry, queue, "held", QueueStats::held);
      TimeGauge.builder(
              MeterNames.QUEUE_OLDEST_AGE,
              this,
              TimeUnit.SECONDS,
              g -> g.stats(queue).oldestRunnableAge().toNanos() / 1e9)
          .description("how long the queue's oldest runnable job has waited")
          .tag(QUEUE, queue)
          .strongReference(true)
          .register(registry);
    }
  }

  private void depth(
      MeterRegistry registry, String queue, String state, ToDoubleFunction<QueueStats> count) {
    Gauge.builder(MeterNames.QUEUE_DEPTH, this, g -> count.applyAsDouble(g.stats(queue)))
        .description("unfinished jobs of the queue: runnable now, scheduled for later, held")
        .tag(QUEUE, queue)
        .tag(STATE, state)
        .strongReference(true)
        .register(registry);
  }

  /** The queue's figures from an answer at most one refresh interval old (zeros when empty). */
  QueueStats stats(String queue) {
    refreshIfStale();
    return latest.getOrDefault(queue, NONE);
  }

  private void refreshIfStale() {
    if (read && nanoTime.getAsLong() - readAt < refreshNanos) {
      return;
    }
    if (!refreshing.tryLock()) {
      return; // another scrape is asking; this one reads the answer before it
    }
    try {
      if (read && nanoTime.getAsLong() - readAt < refreshNanos) {
        return;
      }
      Map<String, QueueStats> byQueue = new HashMap<>();
      try {
        for (QueueStats s : query.get()) {
          byQueue.put(s.queue(), s);
        }
        latest = Map.copyOf(byQueue);
        failing = false;
      } catch (RuntimeException e) {
        if (!failing) {
          log.warn("cannot read queue stats; the gauges keep their last values", e);
        }
        failing = true;
      }
      readAt = nanoTime.getAsLong();
      read = true;
    } finally {
      refreshing.unlock();
    }
  }
}
