package dev.dbq.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.dbq.micrometer.DbqMetrics;
import dev.dbq.runtime.DbqEvent;
import dev.dbq.runtime.JobState;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What {@link DbqMetrics} costs per job on its own, without a database: {@code MetricsListenerCost
 * JOBS_PER_THREAD THREADS} feeds one {@code DbqMetrics} on a Prometheus registry the events of a
 * one-step job (step start, step end, job end, and a claim per 64 jobs) from {@code THREADS}
 * threads, five rounds, and prints the process CPU time per job of each round. Set beside a drain's
 * worker CPU per job (the {@code metrics} workload), it bounds the binding's share of the work even
 * on a machine too loaded for drain rates to compare.
 */
public final class MetricsListenerCost {
  private MetricsListenerCost() {}

  /**
   * @param args jobs per thread, threads
   * @throws Exception when interrupted
   */
  public static void main(String[] args) throws Exception {
    int jobs = Integer.parseInt(args[0]);
    int threads = Integer.parseInt(args[1]);
    DbqMetrics metrics =
        DbqMetrics.builder(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), BenchJobs.CATALOG)
            .build();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int round = 1; round <= 5; round++) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long cpu = os.getProcessCpuTime();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        pool.submit(() -> feed(metrics, thread, jobs));
      }
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.MINUTES);
      double nanos = (os.getProcessCpuTime() - cpu) / (double) jobs / threads;
      System.out.printf(Locale.ROOT, "round %d: %.0f ns CPU per job%n", round, nanos);
    }
  }

  private static void feed(DbqMetrics metrics, int thread, int jobs) {
    for (int i = 0; i < jobs; i++) {
      var job = new DbqEvent.JobRef(new UUID(thread, i), BenchJobs.NOOP, "default");
      var run = new DbqEvent.RunningStep(job, 0, "noop", 1, "bench");
      metrics.onStepStarted(new DbqEvent.StepStarted(run, Duration.ofMillis(3)));
      metrics.onStepEnded(
          new DbqEvent.StepEnded(
              run, DbqEvent.StepResult.SUCCEEDED, Duration.ofNanos(20_000), null));
      metrics.onJobEnded(
          new DbqEvent.JobEnded(job, JobState.COMPLETE, 0, 1, Duration.ofMillis(5), null));
      if (i % 64 == 0) {
        metrics.onClaimed(new DbqEvent.Claimed("bench", 64, 64, Duration.ofNanos(300_000)));
      }
    }
  }
}
