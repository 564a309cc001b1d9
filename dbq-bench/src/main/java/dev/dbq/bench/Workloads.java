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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The workloads, each on dbq and on db-scheduler against the same database. Workers run in
 * a child process ({@link BenchChild}); enqueuing runs here.
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

  private final String url;
  private final HikariDataSource ds;
  private final Dbq dbq;
  private final int scale;
  private final int prefetch;
  private final List<String> jvm;
  private final boolean tuned;

  /**
   * @param scale divides every job count (1 for the real run, larger for a smoke run)
   * @param tuned false: leave out the column of the bench's own worker settings (the {@code
   *     defaults} workload: the defaults column beside db-scheduler only)
   */
  Workloads(
      String url, HikariDataSource ds, int scale, int prefetch, List<String> jvm, boolean tuned) {
    this.url = url;
    this.ds = ds;
    this.dbq = Dbq.create(ds);
    this.scale = scale;
    this.prefetch = prefetch;
    this.jvm = jvm;
    this.tuned = tuned;
  }

  /**
   * Workloads 1 and 5: drain single-step no-op jobs with 8 slots; jobs/s and peak RSS. The defaults
   * column also drains from a fresh process (no warm-up), as a user's first run does.
   */
  List<Row> drain() throws Exception {
    int jobs = 50_000 / scale;
    Result q = tuned ? dbqDrain(jobs, 1, BenchJobs::noop, false, warmUp()) : Result.NONE;
    Result d = dbqDrain(jobs, 1, BenchJobs::noop, true, warmUp());
    Result f = dbqDrain(jobs, 1, BenchJobs::noop, true, 0);
    Result s = schedulerDrain(jobs, 1, false);
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
    Result q = tuned ? dbqDrain(jobs, 3, BenchJobs::threeSteps, false, warmUp()) : Result.NONE;
    Result d = dbqDrain(jobs, 3, BenchJobs::threeSteps, true, warmUp());
    Result s = schedulerDrain(jobs, 3, true);
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
    double qOne = parallel(jobs, 1, n -> BenchJobs.noop().enqueue(dbq));
    BenchDatabase.resetDbq(ds);
    double qBatch =
        parallel(
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
        parallel(
            jobs,
            1,
            n ->
                client.schedule(
                    SchedulerTasks.NOOP.instance(UUID.randomUUID().toString()), Instant.now()));
    BenchDatabase.resetScheduler(ds);
    double sBatch =
        parallel(
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
        tuned ? latency("dbq-listen", jvm, 50, 0, jobs, enqueueNoop) : new Histogram[] {null, null};
    BenchDatabase.resetDbq(ds);
    Histogram[] d =
        latency(
            "cli-listen",
            defaultsJvm(),
            0,
            FRESH_IDLE_MILLIS,
            Math.max(20, 500 / scale),
            enqueueNoop);
    BenchDatabase.resetScheduler(ds);
    Scheduler client = SchedulerTasks.scheduler(ds, THREADS, Duration.ofSeconds(10));
    Histogram[] s =
        latency(
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
    Result q = dbqDrain(jobs, 1, BenchJobs::noop, false, warmUp());
    Result s = schedulerDrain(jobs, 1, false);
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

  /**
   * @param defaults true: default settings but concurrency, default JVM options; false: the bench's
   *     prefetch and worker JVM options
   */
  private Result dbqDrain(
      int jobs, int stepsPerJob, Supplier<BenchJobs.Builder> job, boolean defaults, int warmUpJobs)
      throws Exception {
    BenchDatabase.resetDbq(ds);
    List<JobBuilder<?>> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < jobs; i++) {
      batch.add(job.get());
      if (batch.size() == BATCH || i == jobs - 1) {
        dbq.enqueueAll(batch);
        batch.clear();
      }
    }
    if (defaults) {
      // the command-line worker's warm-up jobs: enqueued here, not in the worker's process
      for (int i = 0; i < warmUpJobs; i++) {
        batch.add(BenchJobs.noop().queue("warmup"));
        if (batch.size() == BATCH || i == warmUpJobs - 1) {
          dbq.enqueueAll(batch);
          batch.clear();
        }
      }
    }
    BenchDatabase.execute(ds, "VACUUM ANALYZE dbq_job");
    if (defaults) {
      return child(
          defaultsJvm(),
          "cli-drain",
          Integer.toString(jobs),
          Integer.toString(stepsPerJob),
          Integer.toString(THREADS),
          Integer.toString(warmUpJobs));
    }
    return child(
        jvm,
        "dbq-drain",
        Integer.toString(jobs),
        Integer.toString(stepsPerJob),
        Integer.toString(THREADS),
        Integer.toString(prefetch),
        Integer.toString(warmUpJobs));
  }

  private Result schedulerDrain(int jobs, int stepsPerJob, boolean threeSteps) throws Exception {
    BenchDatabase.resetScheduler(ds);
    Scheduler client = SchedulerTasks.scheduler(ds, THREADS, Duration.ofSeconds(10));
    List<TaskInstance<?>> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < jobs; i++) {
      String id = UUID.randomUUID().toString();
      batch.add(
          threeSteps
              ? SchedulerTasks.THREE_STEPS.instance(id, 0)
              : SchedulerTasks.NOOP.instance(id));
      if (batch.size() == BATCH || i == jobs - 1) {
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
        Integer.toString(THREADS),
        Integer.toString(warmUp()));
  }

  /**
   * Jobs each worker process runs before the measured drain: {@link #DEFAULT_WARM_UP} or {@code
   * -Dbench.warmup=N}, none with {@code -Dbench.cold=true}.
   */
  private int warmUp() {
    return Boolean.getBoolean("bench.cold")
        ? 0
        : Math.max(1, Integer.getInteger("bench.warmup", DEFAULT_WARM_UP) / scale);
  }

  /**
   * The defaults column's JVM options: none, unless {@code -Dbench.defaultsJvm="..."} adds some (to
   * look inside, e.g. {@code -Xlog:gc}; the figures are for none).
   */
  private static List<String> defaultsJvm() {
    String o = System.getProperty("bench.defaultsJvm", "").strip();
    return o.isEmpty() ? List.of() : List.of(o.split("\\s+"));
  }

  private Result child(List<String> jvmOptions, String... args) throws Exception {
    try (ChildProcess child = ChildProcess.start(jvmOptions, line -> {}, args)) {
      child.awaitReady();
      child.send("GO");
      Map<String, String> r = child.awaitResult();
      if (!r.containsKey("micros")) {
        throw new IllegalStateException("child " + Arrays.toString(args) + " gave no result");
      }
      return new Result(
          Long.parseLong(r.get("micros")),
          Long.parseLong(r.get("vmhwm")),
          Arrays.stream(r.get("tenths").split(",")).mapToLong(Long::parseLong).toArray());
    }
  }

  /**
   * Index 0: from the acknowledged commit; 1: from the enqueue call.
   *
   * @param warmUpJobs jobs run and awaited before the measured ones
   * @param idleMillis how long the worker idles after it started (and after the warm-up)
   */
  private Histogram[] latency(
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
            Integer.toString(THREADS))) {
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

  private interface Enqueue {
    void run(int n) throws Exception;
  }

  /** Enqueues {@code jobs} from 8 threads, {@code per} at a time; jobs/s. */
  private static double parallel(int jobs, int per, Enqueue enqueue) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      long start = System.nanoTime();
      for (int t = 0; t < THREADS; t++) {
        int share = jobs / THREADS + (t < jobs % THREADS ? 1 : 0);
        done.add(
            pool.submit(
                () -> {
                  for (int left = share; left > 0; left -= per) {
                    enqueue.run(Math.min(per, left));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      return jobs / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdown();
    }
  }

  private static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
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

  /** A child's drain: total time, peak RSS, and the time at which each tenth was done. */
  record Result(long micros, long rssKib, long[] tenthMicros) {
    /** Not measured. */
    static final Result NONE = new Result(Long.MIN_VALUE, Long.MIN_VALUE, new long[0]);

    double seconds() {
      return this == NONE ? Double.NaN : micros / 1e6;
    }

    double rssMib() {
      return this == NONE ? Double.NaN : rssKib / 1024.0;
    }

    double[] tenthRates(int jobs) {
      double[] rates = new double[tenthMicros.length];
      long previous = 0;
      for (int i = 0; i < tenthMicros.length; i++) {
        long span = Math.max(1, tenthMicros[i] - previous);
        rates[i] = (jobs / 10.0) / (span / 1e6);
        previous = tenthMicros[i];
      }
      return rates;
    }
  }
}
