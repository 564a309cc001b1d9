package dev.dbq.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Workload 4's measurement: an idle worker in another process reports when each job started; the
 * latency is counted from the acknowledged commit and from the enqueue call.
 */
final class StartLatency {
  private StartLatency() {}

  /**
   * Enqueue-to-start latencies of {@code jobs} jobs, one every 5 ms, run by an idle worker child in
   * {@code mode}. Index 0: from the acknowledged commit; 1: from the enqueue call.
   *
   * @param warmUpJobs jobs run and awaited before the measured ones
   * @param idleMillis how long the worker idles after it started (and after the warm-up)
   */
  static Histogram[] measure(
      String mode,
      List<String> jvmOptions,
      int warmUpJobs,
      long idleMillis,
      int jobs,
      Supplier<String> enqueue)
      throws Exception {
    Map<String, Long> started = new ConcurrentHashMap<>();
    Map<String, long[]> enqueued = new ConcurrentHashMap<>();
    List<String> order = new ArrayList<>();
    Histogram[] h = {new Histogram(3_600_000_000L, 3), new Histogram(3_600_000_000L, 3)};
    try (ChildProcess child =
        ChildProcess.start(
            jvmOptions,
            line -> {
              int space = line.indexOf(' ');
              started.put(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
            },
            mode,
            Integer.toString(Workloads.THREADS))) {
      child.awaitReady();
      // warm-up: both sides' code paths compiled, connections open, LISTEN in effect
      List<String> warmUp = new ArrayList<>();
      for (int i = 0; i < warmUpJobs; i++) {
        warmUp.add(enqueue.get());
      }
      for (String id : warmUp) {
        awaitStarted(started, id, Duration.ofSeconds(30));
      }
      started.clear();
      Thread.sleep(idleMillis);
      long next = System.nanoTime();
      for (int i = 0; i < jobs; i++) {
        long call = epochMicros();
        String id = enqueue.get();
        enqueued.put(id, new long[] {epochMicros(), call});
        order.add(id);
        next += 5_000_000L;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
        }
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (started.size() < jobs && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      child.send("STOP");
      child.awaitResult();
    }
    if (Boolean.getBoolean("bench.latencyTrace")) {
      StringBuilder b = new StringBuilder("  latency in order (ms):");
      for (String id : order) {
        Long st = started.get(id);
        b.append(' ').append(st == null ? "-" : "" + (st - enqueued.get(id)[0]) / 1000);
      }
      System.out.println(b);
    }
    for (Map.Entry<String, long[]> e : enqueued.entrySet()) {
      Long start = started.get(e.getKey());
      if (start == null) {
        System.out.println("  " + mode + ": job " + e.getKey() + " never started");
        continue;
      }
      for (int i = 0; i < 2; i++) {
        h[i].recordValue(Math.max(0, start - e.getValue()[i]));
      }
    }
    return h;
  }

  private static void awaitStarted(Map<String, Long> started, String id, Duration max)
      throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!started.containsKey(id) && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
  }

  private static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
