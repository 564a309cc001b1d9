package dev.dbq.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbq.runtime.QueueStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The queue gauges share one query per refresh interval, however often they are read. */
class QueueGaugesTest {
  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger queries = new AtomicInteger();
  private final MeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void allGaugesOfAllQueuesReadOneQueryPerInterval() {
    QueueGauges gauges =
        new QueueGauges(
            () -> {
              int n = queries.incrementAndGet();
              return List.of(new QueueStats("a", n, 0, 0, Duration.ofSeconds(90)));
            },
            Duration.ofSeconds(15),
            now::get);
    gauges.register(registry, Set.of("a", "b"));

    for (int scrape = 0; scrape < 3; scrape++) {
      registry.getMeters().forEach(m -> m.measure().forEach(x -> x.getValue()));
    }
    assertEquals(1, queries.get());
    assertEquals(
        1, registry.get("dbq.queue.depth").tags("queue", "a", "state", "runnable").gauge().value());
    assertEquals(90, registry.get("dbq.queue.oldest.age").tags("queue", "a").timeGauge().value());
    assertEquals(
        0, registry.get("dbq.queue.depth").tags("queue", "b", "state", "runnable").gauge().value());

    now.addAndGet(Duration.ofSeconds(15).toNanos());
    assertEquals(
        2, registry.get("dbq.queue.depth").tags("queue", "a", "state", "runnable").gauge().value());
    assertEquals(2, queries.get());
  }

  @Test
  void aFailedQueryKeepsTheLastValues() {
    AtomicInteger calls = new AtomicInteger();
    QueueGauges gauges =
        new QueueGauges(
            () -> {
              if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("database away");
              }
              return List.of(new QueueStats("a", 7, 0, 0, Duration.ZERO));
            },
            Duration.ofSeconds(1),
            now::get);
    gauges.register(registry, Set.of("a"));
    assertEquals(
        7, registry.get("dbq.queue.depth").tags("queue", "a", "state", "runnable").gauge().value());
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertEquals(
        7, registry.get("dbq.queue.depth").tags("queue", "a", "state", "runnable").gauge().value());
    assertEquals(2, calls.get());
  }
}
