package dev.dbq.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.JobBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Drains in a worker child process ({@link BenchChild}): the jobs are enqueued here, in batches of
 * {@link Workloads#BATCH}, then the child runs them all and reports its time, peak RSS and tenths.
 */
final class WorkerDrains {
  private final HikariDataSource ds;
  private final Dbq dbq;
  private final int prefetch;
  private final List<String> jvm;

  /**
   * @param prefetch the dbq worker's prefetch, outside the defaults column
   * @param jvm the worker JVM options, outside the defaults column
   */
  WorkerDrains(HikariDataSource ds, Dbq dbq, int prefetch, List<String> jvm) {
    this.ds = ds;
    this.dbq = dbq;
    this.prefetch = prefetch;
    this.jvm = jvm;
  }

  /**
   * @param defaults true: default settings but concurrency, default JVM options; false: the bench's
   *     prefetch and worker JVM options
   */
  DrainResult dbq(
      int jobs, int stepsPerJob, Supplier<BenchJobs.Builder> job, boolean defaults, int warmUpJobs)
      throws Exception {
    return dbq(jobs, stepsPerJob, job, defaults, warmUpJobs, false, 0);
  }

  /**
   * @param metrics the worker (with the bench's settings) tells a {@code DbqMetrics} on a
   *     Prometheus registry ({@link BenchMetrics})
   * @param queueLimit the concurrency limit of the drained queue ({@code default}; the warm-up
   *     queue has none), 0 for none
   */
  DrainResult dbq(
      int jobs,
      int stepsPerJob,
      Supplier<BenchJobs.Builder> job,
      boolean defaults,
      int warmUpJobs,
      boolean metrics,
      int queueLimit)
      throws Exception {
    return dbq(jobs, stepsPerJob, job, defaults, warmUpJobs, metrics, 0, queueLimit);
  }

  /**
   * @param tracing 0, or the jobs are enqueued with a {@code DbqTracing} (each row carries a trace
   *     context) and the worker (with the bench's settings) tells one ({@link BenchTracing}) that
   *     samples this share of traces ({@link BenchTracing#ALL}: every span)
   */
  DrainResult dbq(
      int jobs,
      int stepsPerJob,
      Supplier<BenchJobs.Builder> job,
      boolean defaults,
      int warmUpJobs,
      boolean metrics,
      double tracing,
      int queueLimit)
      throws Exception {
    BenchDatabase.resetDbq(ds);
    if (tracing == 0) {
      return drain(jobs, stepsPerJob, job, defaults, warmUpJobs, metrics, 0, queueLimit);
    }
    BenchTracing.tracing(tracing).install(dbq);
    try {
      return drain(jobs, stepsPerJob, job, defaults, warmUpJobs, metrics, tracing, queueLimit);
    } finally {
      dbq.removeEnqueueInterceptor(BenchTracing.tracing(tracing));
    }
  }

  private DrainResult drain(
      int jobs,
      int stepsPerJob,
      Supplier<BenchJobs.Builder> job,
      boolean defaults,
      int warmUpJobs,
      boolean metrics,
      double tracing,
      int queueLimit)
      throws Exception {
    if (queueLimit > 0) {
      dbq.queues().limit(DbqWorker.DEFAULT_QUEUE, queueLimit);
    }
    List<JobBuilder<?>> batch = new ArrayList<>(Workloads.BATCH);
    for (int i = 0; i < jobs; i++) {
      batch.add(job.get());
      if (batch.size() == Workloads.BATCH || i == jobs - 1) {
        dbq.enqueueAll(batch);
        batch.clear();
      }
    }
    if (defaults) {
      // the command-line worker's warm-up jobs: enqueued here, not in the worker's process
      for (int i = 0; i < warmUpJobs; i++) {
        batch.add(BenchJobs.noop().queue("warmup"));
        if (batch.size() == Workloads.BATCH || i == warmUpJobs - 1) {
          dbq.enqueueAll(batch);
          batch.clear();
        }
      }
    }
    BenchDatabase.execute(ds, "VACUUM ANALYZE dbq_job");
    if (defaults) {
      return child(
          ChildProcess.defaultsJvm(),
          "cli-drain",
          Integer.toString(jobs),
          Integer.toString(stepsPerJob),
          Integer.toString(Workloads.THREADS),
          Integer.toString(warmUpJobs));
    }
    return child(
        withListeners(jvm, metrics, tracing),
        "dbq-drain",
        Integer.toString(jobs),
        Integer.toString(stepsPerJob),
        Integer.toString(Workloads.THREADS),
        Integer.toString(prefetch),
        Integer.toString(warmUpJobs));
  }

  private static List<String> withListeners(List<String> jvm, boolean metrics, double tracing) {
    List<String> options = new ArrayList<>(jvm);
    if (metrics) {
      options.add("-D" + BenchMetrics.PROPERTY + "=true");
    }
    if (tracing != 0) {
      options.add("-D" + BenchTracing.PROPERTY + "=true");
      options.add("-D" + BenchTracing.RATIO_PROPERTY + "=" + tracing);
    }
    return options;
  }

  DrainResult scheduler(int jobs, int stepsPerJob, boolean threeSteps, int warmUpJobs)
      throws Exception {
    BenchDatabase.resetScheduler(ds);
    Scheduler client = SchedulerTasks.scheduler(ds, Workloads.THREADS, Duration.ofSeconds(10));
    List<TaskInstance<?>> batch = new ArrayList<>(Workloads.BATCH);
    for (int i = 0; i < jobs; i++) {
      String id = UUID.randomUUID().toString();
      batch.add(
          threeSteps
              ? SchedulerTasks.THREE_STEPS.instance(id, 0)
              : SchedulerTasks.NOOP.instance(id));
      if (batch.size() == Workloads.BATCH || i == jobs - 1) {
        client.scheduleBatch(batch, Instant.now());
        batch.clear();
      }
    }
    BenchDatabase.execute(ds, "VACUUM ANALYZE scheduled_tasks");
    return child(
        jvm,
        "dbs-drain",
        Integer.toString(jobs),
        Integer.toString(stepsPerJob),
        Integer.toString(Workloads.THREADS),
        Integer.toString(warmUpJobs));
  }

  private static DrainResult child(List<String> jvmOptions, String... args) throws Exception {
    try (ChildProcess child = ChildProcess.start(jvmOptions, line -> {}, args)) {
      child.awaitReady();
      child.send("GO");
      Map<String, String> r = child.awaitResult();
      if (!r.containsKey("micros")) {
        throw new IllegalStateException("child " + Arrays.toString(args) + " gave no result");
      }
      return new DrainResult(
          Long.parseLong(r.get("micros")),
          Long.parseLong(r.get("vmhwm")),
          Arrays.stream(r.get("tenths").split(",")).mapToLong(Long::parseLong).toArray(),
          Long.parseLong(r.getOrDefault("cpu", "-1")),
          Long.parseLong(r.getOrDefault("jit", "-1")),
          Long.parseLong(r.getOrDefault("harness", "-1")));
    }
  }
}
