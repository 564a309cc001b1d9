package dev.dbq.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.dbq.opentelemetry.DbqTracing;
import dev.dbq.runtime.DbqEvent;
import dev.dbq.runtime.EnqueueInterceptor;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What {@code DbqTracing} costs per job on its own, without a database, as {@link
 * MetricsListenerCost} measures metrics: {@code TracingListenerCost JOBS_PER_THREAD THREADS} runs,
 * from {@code THREADS} threads, a one-step job's tracing through one {@link DbqTracing} over the
 * SDK of {@link BenchTracing} (the enqueue's send span and its trace context, then the step's
 * process span, started from that context and linked to it, and ended), five rounds, and prints the
 * process CPU time per job of each round: the enqueuing side's and the worker side's together (less
 * the worker's parse of the stored JSON, a few hundred nanoseconds of Jackson).
 */
public final class TracingListenerCost {
  private TracingListenerCost() {}

  /**
   * @param args jobs per thread, threads
   * @throws Exception when interrupted
   */
  public static void main(String[] args) throws Exception {
    int jobs = Integer.parseInt(args[0]);
    int threads = Integer.parseInt(args[1]);
    DbqTracing tracing = BenchTracing.tracing();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int round = 1; round <= 5; round++) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long cpu = os.getProcessCpuTime();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        pool.submit(() -> feed(tracing, thread, jobs));
      }
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.MINUTES);
      double nanos = (os.getProcessCpuTime() - cpu) / (double) jobs / threads;
      System.out.printf(Locale.ROOT, "round %d: %.0f ns CPU per job%n", round, nanos);
    }
  }

  private static void feed(DbqTracing tracing, int thread, int jobs) {
    for (int i = 0; i < jobs; i++) {
      var job = new DbqEvent.JobRef(new UUID(thread, i), BenchJobs.NOOP, "default");
      EnqueueInterceptor.Enqueue enqueue =
          tracing.enqueuing(List.of(new DbqEvent.EnqueuedJob(job, 0, null)), false);
      Map<String, String> stored = enqueue.traceContext(0);
      enqueue.ended(null);
      var run = new DbqEvent.RunningStep(job, 0, "noop", 1, "bench");
      tracing.onStepStarted(new DbqEvent.StepStarted(run, Duration.ofMillis(3), stored));
      tracing.onStepEnded(
          new DbqEvent.StepEnded(
              run, DbqEvent.StepResult.SUCCEEDED, Duration.ofNanos(20_000), null));
    }
  }
}
