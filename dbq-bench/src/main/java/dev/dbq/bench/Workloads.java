package dev.dbq.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.JobBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The workloads, each on dbq and on db-scheduler against the same database, as rows of the
 * table. Workers run in a child process ({@link WorkerDrains}, {@link StartLatency}); enqueuing
 * runs here.
 */
final class Workloads {
  static final int THREADS = 8;
  static final int BATCH = 500;

  /**
   * 50,000: a dbq worker runs 10,000 no-op jobs in well under a second, too short for the JIT's
   * last tier on 2 busy cores; after 10,000 the first tenth of workload 6 still ran a third slower
   * than the rest, after 50,000 it did not.
   */
  static final int DEFAULT_WARM_UP = 50_000;

  /** How long the fresh worker of workload 4's defaults column idles before the first job. */
  static final long FRESH_IDLE_MILLIS = 3_000;

  private final HikariDataSource ds;
  private final Dbq dbq;
  private final WorkerDrains drains;
  private final int scale;
  private final List<String> jvm;
  private final boolean tuned;
  private final DrainVariants variants;

  /**
   * @param scale divides every job count (1 for the real run, larger for a smoke run)
   * @param prefetch the dbq worker's prefetch, outside the defaults column
   * @param jvm the worker JVM options, outside the defaults column
   * @param tuned false: leave out the column of the bench's own worker settings (the {@code
   *     defaults} workload: the defaults column beside db-scheduler only)
   */
  Workloads(HikariDataSource ds, int scale, int prefetch, List<String> jvm, boolean tuned) {
    this.ds = ds;
    this.dbq = Dbq.create(ds);
    this.drains = new WorkerDrains(ds, dbq, prefetch, jvm);
    this.scale = scale;
    this.jvm = jvm;
    this.tuned = tuned;
    this.variants = new DrainVariants(drains, scale);
  }

  /** The cost of metrics (#15): see {@link DrainVariants#metrics()}. */
  List<Row> metrics() throws Exception {
    return variants.metrics();
  }

  /** The cost of tracing (#15): see {@link DrainVariants#tracing()}. */
  List<Row> tracing() throws Exception {
    return variants.tracing();
  }

  /** Tracing with one trace in ten sampled (#15): see {@link DrainVariants#tracingSampled()}. */
  List<Row> tracingSampled() throws Exception {
    return variants.tracingSampled();
  }

  /**
   * Workloads 1 and 5: drain single-step no-op jobs with 8 slots; jobs/s and peak RSS. The defaults
   * column also drains from a fresh process (no warm-up), as a user's first run does.
   */
  List<Row> drain() throws Exception {
    int jobs = 50_000 / scale;
    DrainResult q =
        tuned ? drains.dbq(jobs, 1, BenchJobs::noop, false, warmUp()) : DrainResult.NONE;
    DrainResult d = drains.dbq(jobs, 1, BenchJobs::noop, true, warmUp());
    DrainResult f = drains.dbq(jobs, 1, BenchJobs::noop, true, 0);
    DrainResult s = drains.scheduler(jobs, 1, false, warmUp());
    double qRate = jobs / q.seconds();
    double dRate = jobs / d.seconds();
    double fRate = jobs / f.seconds();
    double sRate = jobs / s.seconds();
    return List.of(
        new Row(
            "1 drain " + jobs + " no-op jobs, 8 slots",
            "jobs/s",
            qRate,
            dRate,
            sRate,
            ">= 15,000 and >= 4x",
            qRate >= 15_000 && qRate >= 4 * sRate,
            ">= 12,000 and >= 4x",
            dRate >= 12_000 && dRate >= 4 * sRate),
        new Row(
            "1 same, defaults from a fresh process",
            "jobs/s",
            Double.NaN,
            fRate,
            sRate,
            "-",
            true,
            ">= 12,000 and >= 4x",
            fRate >= 12_000 && fRate >= 4 * sRate),
        new Row(
            "5 worker peak RSS during 1",
            "MiB",
            q.rssMib(),
            d.rssMib(),
            s.rssMib(),
            "<= 256",
            q.rssMib() <= 256,
            "<= 256, default JVM",
            d.rssMib() <= 256),
        new Row(
            "5 same, defaults from a fresh process",
            "MiB",
            Double.NaN,
            f.rssMib(),
            s.rssMib(),
            "-",
            true,
            "<= 256, default JVM",
            f.rssMib() <= 256));
  }

  /** Workload 2: drain three-step jobs; steps/s. */
  List<Row> steps() throws Exception {
    int jobs = 20_000 / scale;
    DrainResult q =
        tuned ? drains.dbq(jobs, 3, BenchJobs::threeSteps, false, warmUp()) : DrainResult.NONE;
    DrainResult d = drains.dbq(jobs, 3, BenchJobs::threeSteps, true, warmUp());
    DrainResult s = drains.scheduler(jobs, 3, true, warmUp());
    double qRate = 3.0 * jobs / q.seconds();
    double dRate = 3.0 * jobs / d.seconds();
    double sRate = 3.0 * jobs / s.seconds();
    return List.of(
        new Row(
            "2 drain " + jobs + " three-step jobs",
            "steps/s",
            qRate,
            dRate,
            sRate,
            ">= 10,000",
            qRate >= 10_000,
            ">= 8,000",
            dRate >= 8_000));
  }

  /** Workload 3: enqueue one by one from 8 threads, and in batches; jobs/s. */
  List<Row> enqueue() throws Exception {
    int jobs = 50_000 / scale;
    BenchDatabase.resetDbq(ds);
    double qOne = ParallelEnqueue.rate(jobs, 1, n -> BenchJobs.noop().enqueue(dbq));
    BenchDatabase.resetDbq(ds);
    double qBatch =
        ParallelEnqueue.rate(
            jobs,
            BATCH,
            n -> {
              List<JobBuilder<?>> batch = new ArrayList<>(n);
              for (int i = 0; i < n; i++) {
                batch.add(BenchJobs.noop());
              }
              dbq.enqueueAll(batch);
            });
    BenchDatabase.resetScheduler(ds);
    Scheduler client = SchedulerTasks.scheduler(ds, THREADS, Duration.ofSeconds(10));
    double sOne =
        ParallelEnqueue.rate(
            jobs,
            1,
            n ->
                client.schedule(
                    SchedulerTasks.NOOP.instance(UUID.randomUUID().toString()), Instant.now()));
    BenchDatabase.resetScheduler(ds);
    double sBatch =
        ParallelEnqueue.rate(
            jobs,
            BATCH,
            n -> {
              List<TaskInstance<?>> batch = new ArrayList<>(n);
              for (int i = 0; i < n; i++) {
                batch.add(SchedulerTasks.NOOP.instance(UUID.randomUUID().toString()));
              }
              client.scheduleBatch(batch, Instant.now());
            });
    return List.of(
        new Row(
            "3 enqueue " + jobs + ", one by one, 8 threads",
            "jobs/s",
            qOne,
            sOne,
            ">= db-scheduler",
            qOne >= sOne),
        new Row(
            "3 enqueue " + jobs + ", batches of " + BATCH + ", 8 thr.",
            "jobs/s",
            qBatch,
            sBatch,
            ">= 50,000",
            qBatch >= 50_000));
  }

  /**
   * Workload 4: an idle worker in another process; enqueue-to-start latency, p50 and p99. The
   * defaults column is a fresh worker with the JVM's default options, started {@link
   * #FRESH_IDLE_MILLIS} before the first of 500 jobs, with no warm-up jobs: every job counts.
   */
  List<Row> latency() throws Exception {
    int jobs = Math.max(20, 1_000 / scale);
    Supplier<String> enqueueNoop =
        () -> {
          UUID id = BenchJobs.noop().enqueue(dbq);
          return id.toString();
        };
    BenchDatabase.resetDbq(ds);
    Histogram[] q =
        tuned
            ? StartLatency.measure("dbq-listen", jvm, 50, 0, jobs, enqueueNoop)
            : new Histogram[] {null, null};
    BenchDatabase.resetDbq(ds);
    Histogram[] d =
        StartLatency.measure(
            "cli-listen",
            ChildProcess.defaultsJvm(),
            0,
            FRESH_IDLE_MILLIS,
            Math.max(20, 500 / scale),
            enqueueNoop);
    BenchDatabase.resetScheduler(ds);
    Scheduler client = SchedulerTasks.scheduler(ds, THREADS, Duration.ofSeconds(10));
    Histogram[] s =
        StartLatency.measure(
            "dbs-listen",
            jvm,
            50,
            0,
            jobs,
            () -> {
              String id = UUID.randomUUID().toString();
              client.schedule(SchedulerTasks.NOOP.instance(id), Instant.now());
              return id;
            });
    List<Row> rows = new ArrayList<>();
    String[] from = {"commit acknowledged", "enqueue call"};
    for (int i = 0; i < 2; i++) {
      double q50 = q[i] == null ? Double.NaN : q[i].getValueAtPercentile(50) / 1000.0;
      double q99 = q[i] == null ? Double.NaN : q[i].getValueAtPercentile(99) / 1000.0;
      double d50 = d[i].getValueAtPercentile(50) / 1000.0;
      double d99 = d[i].getValueAtPercentile(99) / 1000.0;
      rows.add(
          new Row(
              "4 p50 start latency from " + from[i],
              "ms",
              q50,
              d50,
              s[i].getValueAtPercentile(50) / 1000.0,
              "<= 3",
              q50 <= 3,
              i == 0 ? "<= 3, fresh worker" : "(<= 3, fresh worker)",
              d50 <= 3));
      rows.add(
          new Row(
              "4 p99 start latency from " + from[i],
              "ms",
              q99,
              d99,
              s[i].getValueAtPercentile(99) / 1000.0,
              "<= 15",
              q99 <= 15,
              i == 0 ? "<= 15, fresh worker" : "(<= 15, fresh worker)",
              d99 <= 15));
      rows.add(
          new Row(
              "4 max start latency from " + from[i],
              "ms",
              q[i] == null ? Double.NaN : q[i].getMaxValue() / 1000.0,
              d[i].getMaxValue() / 1000.0,
              s[i].getMaxValue() / 1000.0,
              "-",
              true,
              "-",
              true));
    }
    return rows;
  }

  /** Workload 6: drain 200,000 jobs; the rate of each tenth of the run. */
  List<Row> sustained() throws Exception {
    int jobs = 200_000 / scale;
    DrainResult q = drains.dbq(jobs, 1, BenchJobs::noop, false, warmUp());
    DrainResult s = drains.scheduler(jobs, 1, false, warmUp());
    double[] qr = q.tenthRates(jobs);
    double[] sr = s.tenthRates(jobs);
    System.out.println("  dbq rate per tenth (jobs/s):          " + fmt(qr));
    System.out.println("  db-scheduler rate per tenth (jobs/s): " + fmt(sr));
    double qFlat = min(qr) / max(qr);
    return List.of(
        new Row(
            "6 drain " + jobs + ": overall",
            "jobs/s",
            jobs / q.seconds(),
            jobs / s.seconds(),
            "-",
            true),
        new Row(
            "6 slowest tenth / fastest tenth",
            "ratio",
            qFlat,
            min(sr) / max(sr),
            ">= 0.60",
            qFlat >= 0.6),
        new Row(
            "6 same, first tenth left out",
            "ratio",
            min(tail(qr)) / max(tail(qr)),
            min(tail(sr)) / max(tail(sr)),
            "(for reading)",
            min(tail(qr)) / max(tail(qr)) >= 0.6));
  }

  /** Queue concurrency limits (#14): see {@link DrainVariants#limited()}. */
  List<Row> limited() throws Exception {
    return variants.limited();
  }

  private int warmUp() {
    return warmUp(scale);
  }

  /**
   * Jobs each worker process runs before the measured drain: {@link #DEFAULT_WARM_UP} or {@code
   * -Dbench.warmup=N}, none with {@code -Dbench.cold=true}.
   */
  static int warmUp(int scale) {
    return Boolean.getBoolean("bench.cold")
        ? 0
        : Math.max(1, Integer.getInteger("bench.warmup", DEFAULT_WARM_UP) / scale);
  }

  private static double[] tail(double[] v) {
    return Arrays.copyOfRange(v, 1, v.length);
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(0);
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(1);
  }

  private static String fmt(double[] v) {
    StringBuilder b = new StringBuilder();
    for (double d : v) {
      b.append(String.format(java.util.Locale.ROOT, "%,8.0f", d));
    }
    return b.toString();
  }
}
