package dev.dbq.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.JobBuilder;
import dev.dbq.runtime.JobQuery;
import dev.dbq.runtime.JobState;
import dev.dbq.runtime.cli.WorkerCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The worker side of a workload, in a process of its own (see {@link ChildProcess}): it prints
 * {@code READY}, waits for {@code GO} (drains) or runs until {@code STOP} (latency), and prints
 * {@code RESULT} with its timings and its peak RSS.
 *
 * <ul>
 *   <li>{@code dbq-drain JOBS STEPS_PER_JOB CONCURRENCY PREFETCH WARMUP_JOBS}: {@code PREFETCH}
 *       {@code default} leaves the worker's default (adaptive) prefetch
 *   <li>{@code cli-drain JOBS STEPS_PER_JOB CONCURRENCY WARMUP_JOBS}: the command line's worker,
 *       {@code dbq worker --concurrency N} (its {@link WorkerCommand}, in this process, on {@code
 *       DBQ_JDBC_URL}), with no other option; the parent enqueued the warm-up jobs in queue {@code
 *       warmup}
 *   <li>{@code dbs-drain JOBS STEPS_PER_JOB THREADS WARMUP_JOBS}
 *   <li>{@code dbq-listen CONCURRENCY} / {@code cli-listen CONCURRENCY} / {@code dbs-listen
 *       THREADS}: print {@code D id epochMicros} at every step start; {@code cli-listen} runs
 *       {@code dbq worker --concurrency N}
 *   <li>{@code sat-drain INDEX QUEUES WARMUP_JOBS POOL}: one of the saturation workload's worker
 *       processes ({@link SaturationChild})
 * </ul>
 */
public final class BenchChild {
  private BenchChild() {}

  /**
   * @param args the mode and its arguments
   * @throws Exception when the workload fails
   */
  public static void main(String[] args) throws Exception {
    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String url = BenchDatabase.url();
    switch (args[0]) {
      case "dbq-drain" -> dbqDrain(url, stdin, args);
      case "queue-drain" -> queueDrain(stdin, args);
      case "dbs-drain" -> dbsDrain(url, stdin, args);
      case "cli-drain" -> cliDrain(url, stdin, args);
      case "cli-listen" -> cliListen(stdin, args[1]);
      case "dbq-listen" -> dbqListen(url, stdin, Integer.parseInt(args[1]));
      case "dbs-listen" -> dbsListen(url, stdin, Integer.parseInt(args[1]));
      case "sat-drain" -> SaturationChild.run(url, stdin, args);
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
    System.out.flush();
    System.exit(0);
  }

  private static void dbqDrain(String url, BufferedReader stdin, String[] args) throws Exception {
    int jobs = Integer.parseInt(args[1]);
    int stepsPerJob = Integer.parseInt(args[2]);
    try (Dbq dbq = Dbq.connect(url);
        DbqWorker worker =
            worker(dbq, Integer.parseInt(args[3]), args[4])
                // -Dbench.vacuumEvery=0 in bench.childJvm: the drain without the worker's vacuum
                .vacuumEvery(
                    Integer.getInteger("bench.vacuumEvery", DbqWorker.DEFAULT_VACUUM_EVERY))
                .build();
        HikariDataSource probe = BenchDatabase.pool(url, 1)) {
      warmUpDbq(dbq, Integer.parseInt(args[3]), args[4], Integer.parseInt(args[5]));
      awaitGo(stdin);
      long start = System.nanoTime();
      cpuAtStart = processCpuNanos();
      jitAtStart = ThreadCpu.compilerNanos();
      harnessAtStart = HARNESS.getCurrentThreadCpuTime();
      ThreadCpu.start();
      worker.start();
      String tenths = awaitSteps((long) jobs * stepsPerJob, start);
      BenchDatabase.awaitCount(
          probe,
          "SELECT count(*) FROM dbq_job WHERE state = 'COMPLETE' AND queue_name = 'default'",
          jobs);
      ThreadCpu.print((long) jobs * stepsPerJob);
      result(start, tenths);
    }
  }

  /**
   * {@code queue-drain QUEUE JOBS CONCURRENCY PREFETCH WARMUP}: a worker of one queue on {@code
   * Dbq.fromEnvironment()}, so that {@code DBQ_ROUTES} says which database it drains; its warm-up
   * runs on the queue {@code warmup-QUEUE} (route it with the queue).
   */
  private static void queueDrain(BufferedReader stdin, String[] args) throws Exception {
    String queue = args[1];
    int jobs = Integer.parseInt(args[2]);
    int concurrency = Integer.parseInt(args[3]);
    try (Dbq dbq = Dbq.fromEnvironment();
        DbqWorker worker = worker(dbq, concurrency, args[4]).queues(queue).build()) {
      int warmUp = Integer.parseInt(args[5]);
      if (warmUp > 0) {
        List<JobBuilder<?>> batch = new ArrayList<>();
        for (int i = 0; i < warmUp; i++) {
          batch.add(BenchJobs.noop().queue("warmup-" + queue));
        }
        dbq.enqueueAll(batch);
        worker(dbq, concurrency, args[4]).queues("warmup-" + queue).build().runUntilEmpty();
        BenchJobs.STEPS.set(0);
      }
      awaitGo(stdin);
      long start = System.nanoTime();
      cpuAtStart = processCpuNanos();
      worker.start();
      String tenths = awaitSteps(jobs, start);
      JobQuery complete = dbq.jobs().queue(queue).state(JobState.COMPLETE);
      while (complete.counts().total() < jobs) {
        Thread.sleep(5); // the last completion batch's commit
      }
      result(start, tenths);
    }
  }

  private static void cliDrain(String url, BufferedReader stdin, String[] args) throws Exception {
    int jobs = Integer.parseInt(args[1]);
    int stepsPerJob = Integer.parseInt(args[2]);
    String concurrency = args[3];
    int warmUpJobs = Integer.parseInt(args[4]);
    try (HikariDataSource probe = BenchDatabase.pool(url, 1)) {
      if (warmUpJobs > 0) {
        // the parent enqueued them: this process does only what the command line does
        int code =
            WorkerCommand.run(
                withExtraArgs("warmup", "--concurrency", concurrency, "--exit-when-empty"));
        if (code != 0) {
          throw new IllegalStateException("warm-up worker exited " + code);
        }
        BenchJobs.STEPS.set(0);
      }
      awaitGo(stdin);
      long start = System.nanoTime();
      runCommandLineWorker(concurrency);
      String tenths = awaitSteps((long) jobs * stepsPerJob, start);
      BenchDatabase.awaitCount(
          probe,
          "SELECT count(*) FROM dbq_job WHERE state = 'COMPLETE' AND queue_name = 'default'",
          jobs);
      result(start, tenths);
    }
  }

  /** {@code dbq worker --concurrency N} in a thread of this process, until it exits. */
  private static void runCommandLineWorker(String concurrency) {
    Thread worker =
        new Thread(
            () -> WorkerCommand.run(withExtraArgs("--concurrency", concurrency)),
            "bench-cli-worker");
    worker.setDaemon(true);
    worker.start();
  }

  /**
   * The command line with the options of {@code DBQ_BENCH_WORKER_ARGS} appended (space-separated,
   * e.g. {@code --no-history}): the defaults column with one option changed, to measure it.
   */
  private static String[] withExtraArgs(String... args) {
    String extra = System.getenv("DBQ_BENCH_WORKER_ARGS");
    if (extra == null || extra.isBlank()) {
      return args;
    }
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(extra.strip().split("\\s+")));
    return all.toArray(String[]::new);
  }

  private static void cliListen(BufferedReader stdin, String concurrency) throws Exception {
    BenchJobs.onStepStart = id -> data(id.toString());
    runCommandLineWorker(concurrency);
    System.out.println("READY");
    awaitLine(stdin, "STOP");
    result(System.nanoTime(), "");
  }

  private static void dbsDrain(String url, BufferedReader stdin, String[] args) throws Exception {
    int jobs = Integer.parseInt(args[1]);
    int stepsPerJob = Integer.parseInt(args[2]);
    try (HikariDataSource ds = BenchDatabase.pool(url, Integer.parseInt(args[3]) + 2)) {
      Scheduler scheduler =
          SchedulerTasks.scheduler(ds, Integer.parseInt(args[3]), Duration.ofMillis(100));
      warmUpScheduler(ds, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
      awaitGo(stdin);
      long start = System.nanoTime();
      scheduler.start();
      String tenths = awaitSteps((long) jobs * stepsPerJob, start);
      BenchDatabase.awaitCount(ds, "SELECT count(*) FROM scheduled_tasks", 0);
      result(start, tenths);
      scheduler.stop();
    }
  }

  /** A worker builder with the given slots and prefetch ({@code default}: the builder's). */
  private static DbqWorker.Builder worker(Dbq dbq, int concurrency, String prefetch) {
    DbqWorker.Builder b =
        BenchTracing.maybeWith(
            BenchMetrics.maybeWith(
                DbqWorker.builder().dbq(dbq).catalog(BenchJobs.CATALOG).concurrency(concurrency)));
    return prefetch.equals("default") ? b : b.prefetch(Integer.parseInt(prefetch));
  }

  /**
   * Runs the same worker code on {@code jobs} jobs of another queue first, so that the measured
   * drain is of a warmed-up JVM (compiled code, grown heap, open connections).
   */
  private static void warmUpDbq(Dbq dbq, int concurrency, String prefetch, int jobs)
      throws InterruptedException {
    if (jobs == 0) {
      return;
    }
    enqueueWarmUp(dbq, jobs);
    worker(dbq, concurrency, prefetch).queues("warmup").build().runUntilEmpty();
    BenchJobs.STEPS.set(0);
  }

  private static void enqueueWarmUp(Dbq dbq, int jobs) {
    // traced jobs carry a trace context, as the measured ones do: without it the warm-up would
    // never run the worker's extraction and link, and the JIT would compile them in the drain
    boolean traced = BenchTracing.enabled();
    if (traced) {
      BenchTracing.tracing().install(dbq);
    }
    try {
      List<JobBuilder<?>> batch = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        batch.add(BenchJobs.noop().queue("warmup"));
        if (batch.size() == 500 || i == jobs - 1) {
          dbq.enqueueAll(batch);
          batch.clear();
        }
      }
    } finally {
      if (traced) {
        dbq.removeEnqueueInterceptor(BenchTracing.tracing());
      }
    }
  }

  /** The same warm-up for db-scheduler, on a table of its own. */
  private static void warmUpScheduler(HikariDataSource ds, int threads, int jobs) throws Exception {
    String table = "scheduled_tasks_warmup";
    BenchDatabase.resetScheduler(ds, table);
    Scheduler warm = SchedulerTasks.scheduler(ds, threads, Duration.ofMillis(100), table);
    List<TaskInstance<?>> batch = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      batch.add(SchedulerTasks.NOOP.instance("w" + i));
      if (batch.size() == 500 || i == jobs - 1) {
        warm.scheduleBatch(batch, Instant.now());
        batch.clear();
      }
    }
    warm.start();
    BenchDatabase.awaitCount(ds, "SELECT count(*) FROM " + table, 0);
    warm.stop();
    BenchJobs.STEPS.set(0);
  }

  private static void dbqListen(String url, BufferedReader stdin, int concurrency)
      throws Exception {
    BenchJobs.onStepStart = id -> data(id.toString());
    try (Dbq dbq = Dbq.connect(url);
        DbqWorker worker =
            DbqWorker.builder()
                .dbq(dbq)
                .catalog(BenchJobs.CATALOG)
                .concurrency(concurrency)
                .build()) {
      worker.start();
      System.out.println("READY");
      awaitLine(stdin, "STOP");
    }
    result(System.nanoTime(), "");
  }

  private static void dbsListen(String url, BufferedReader stdin, int threads) throws Exception {
    SchedulerTasks.onStart = BenchChild::data;
    try (HikariDataSource ds = BenchDatabase.pool(url, threads + 2)) {
      // db-scheduler's default polling interval: it has no wake-up from another process
      Scheduler scheduler = SchedulerTasks.scheduler(ds, threads, Duration.ofSeconds(10));
      scheduler.start();
      System.out.println("READY");
      awaitLine(stdin, "STOP");
      scheduler.stop();
    }
    result(System.nanoTime(), "");
  }

  private static void data(String id) {
    Instant now = Instant.now();
    long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    synchronized (System.out) {
      System.out.println("D " + id + " " + micros);
      System.out.flush();
    }
  }

  /** Waits until the steps counter reaches {@code total}; returns when each tenth was reached. */
  private static String awaitSteps(long total, long start) throws InterruptedException {
    StringJoiner tenths = new StringJoiner(",");
    int tenth = 1;
    while (tenth <= 10) {
      long done = BenchJobs.STEPS.get();
      while (tenth <= 10 && done >= total * tenth / 10) {
        tenths.add(Long.toString((System.nanoTime() - start) / 1_000));
        tenth++;
      }
      Thread.sleep(1);
    }
    return tenths.toString();
  }

  static void awaitGo(BufferedReader stdin) throws Exception {
    System.out.println("READY");
    System.out.flush();
    awaitLine(stdin, "GO");
  }

  static void awaitLine(BufferedReader stdin, String expected) throws Exception {
    String line;
    while ((line = stdin.readLine()) != null) {
      if (line.equals(expected)) {
        return;
      }
    }
  }

  /** The process's CPU time when the measured drain started (-1 when not a measured drain). */
  private static long cpuAtStart = -1;

  /** The JIT compilers' CPU time then. */
  private static long jitAtStart = -1;

  /** This thread's then: it waits for the drain to end, polling the steps counter every 1 ms. */
  private static long harnessAtStart = -1;

  private static final java.lang.management.ThreadMXBean HARNESS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /** CPU time of this process, all threads, user and system. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void result(long start, String tenths) throws Exception {
    long cpuMicros = cpuAtStart < 0 ? -1 : (processCpuNanos() - cpuAtStart) / 1_000;
    long jitMicros = jitAtStart < 0 ? -1 : (ThreadCpu.compilerNanos() - jitAtStart) / 1_000;
    long harnessMicros =
        harnessAtStart < 0 ? -1 : (HARNESS.getCurrentThreadCpuTime() - harnessAtStart) / 1_000;

    long micros = (System.nanoTime() - start) / 1_000;
    System.out.println(
        "RESULT micros="
            + micros
            + " tenths="
            + tenths
            + " vmhwm="
            + ChildProcess.peakRssKib(ProcessHandle.current().pid())
            + " cpu="
            + cpuMicros
            + " jit="
            + jitMicros
            + " harness="
            + harnessMicros);
    System.out.flush();
  }
}
