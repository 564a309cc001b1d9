package dev.dbq.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.dbq.opentelemetry.DbqTracing;
import dev.dbq.runtime.DbqEvent;
import dev.dbq.runtime.EnqueueInterceptor;
import dev.dbq.runtime.JobState;
import dev.dbq.runtime.internal.Listeners;
import dev.dbq.runtime.internal.TraceContextJson;
import dev.dbq.runtime.internal.store.Claim;
import dev.dbq.runtime.internal.store.StepOutcome;
import dev.dbq.runtime.internal.worker.ListenerEvents;
import dev.dbq.runtime.internal.worker.WorkerEvents;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

/**
 * What {@code DbqTracing} costs per job on its own, without a database, as {@link
 * MetricsListenerCost} measures metrics: {@code TracingListenerCost JOBS_PER_THREAD THREADS} runs,
 * from {@code THREADS} threads, five rounds of one-step jobs through one {@link DbqTracing} over
 * the SDK of {@link BenchTracing} (every span sampled), each round in two halves, and prints the
 * process CPU time per job of each half (the SDK's batch thread, the collector and the JIT
 * included) and, in parentheses, the part spent on the calling threads:
 *
 * <ul>
 *   <li><b>send</b>, the enqueuing process's side: the send span, its trace context and the JSON
 *       the insert stores;
 *   <li><b>process</b>, the worker's side, through the worker's own event building ({@code
 *       ListenerEvents}, as a worker with this one listener has it): the step's start from the
 *       stored JSON (parsed, extracted, linked, made current), its end, and its save.
 * </ul>
 *
 * <p>It prints too how many of the round's spans reached the exporter: fewer than sent means the
 * batch queue was full and dropped spans, and the figure is a floor. The engine's internals are
 * used here (a bench, not an application) so that the worker's half is the worker's code.
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
    DbqTracing tracing = BenchTracing.tracing(BenchTracing.ALL);
    WorkerEvents events =
        new ListenerEvents(new Listeners(List.of(tracing)), BenchJobs.CATALOG, "bench");
    String[][] stored = new String[threads][jobs];
    for (int round = 1; round <= 5; round++) {
      long spans = BenchTracing.flushedSpans(BenchTracing.ALL);
      double[] send = perJob(threads, jobs, t -> send(tracing, t, stored[t]));
      long sent = BenchTracing.flushedSpans(BenchTracing.ALL) - spans;
      double[] process = perJob(threads, jobs, t -> process(events, t, stored[t]));
      long processed = BenchTracing.flushedSpans(BenchTracing.ALL) - spans - sent;
      System.out.printf(
          Locale.ROOT,
          "round %d: ns CPU per job (on the calling threads): send %.0f (%.0f), process %.0f (%.0f);"
              + " spans exported: %d of %d sent, %d of %d processed%n",
          round,
          send[0],
          send[1],
          process[0],
          process[1],
          sent,
          (long) jobs * threads,
          processed,
          (long) jobs * threads);
    }
  }

  /**
   * Runs {@code work} on each of {@code threads} threads; the process CPU per job it took, and the
   * part of it spent on those threads (the rest is the SDK's batch thread, the collector, the JIT).
   */
  private static double[] perJob(int threads, int jobs, IntConsumer work)
      throws InterruptedException {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ThreadMXBean threadCpu = ManagementFactory.getThreadMXBean();
    LongAdder onThreads = new LongAdder();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long cpu = os.getProcessCpuTime();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      pool.submit(
          () -> {
            long start = threadCpu.getCurrentThreadCpuTime();
            work.accept(thread);
            onThreads.add(threadCpu.getCurrentThreadCpuTime() - start);
          });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    double all = (double) jobs * threads;
    return new double[] {(os.getProcessCpuTime() - cpu) / all, onThreads.sum() / all};
  }

  private static void send(DbqTracing tracing, int thread, String[] stored) {
    for (int i = 0; i < stored.length; i++) {
      var job = new DbqEvent.JobRef(new UUID(thread, i), BenchJobs.NOOP, "default");
      EnqueueInterceptor.Enqueue enqueue =
          tracing.enqueuing(List.of(new DbqEvent.EnqueuedJob(job, 0, null)), false);
      stored[i] = TraceContextJson.write(enqueue.traceContext(0));
      enqueue.ended(null);
    }
  }

  private static void process(WorkerEvents events, int thread, String[] stored) {
    StepOutcome done = new StepOutcome.Succeeded("{}", 1, JobState.COMPLETE);
    for (int i = 0; i < stored.length; i++) {
      Claim claim =
          new Claim(
              new UUID(thread, i),
              BenchJobs.NOOP,
              "default",
              0,
              i,
              0,
              "{}",
              1,
              new UUID(i, thread),
              5_000,
              3_000,
              System.nanoTime(),
              stored[i]);
      events.stepStarted(claim);
      events.stepEnded(claim, done, 20_000);
      events.stepSaved(claim, done);
    }
  }
}
