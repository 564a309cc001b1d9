package dev.dbq.bench;

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
import org.HdrHistogram.Histogram;

/**
 * Where one PostgreSQL saturates (issue #19, docs/scaling.md): {@code BenchMain saturation} drains
 * a fixed set of pre-enqueued no-op jobs with 1, 2, 4, 8 and 16 worker processes of {@link #SLOTS}
 * slots each ({@link SaturationChild}), then with 4 processes over 10 and 1,000 queues, then with 4
 * processes over 1 queue twice, on an empty table and on one that already holds a million finished
 * jobs. Each drain reports the total jobs/s, the claim statement's time, what the backends waited
 * on ({@link ActivitySampler}), the CPU of the machine, of the workers and of the backends ({@link
 * CpuTicks}), and the WAL written per job.
 *
 * <p>System properties: {@code bench.satJobs} (jobs per drain, 100,000), {@code bench.satWarmUp}
 * (jobs each process runs first, in a queue of its own, 2,000), {@code bench.satMaxSeconds} (a
 * drain still running then is stopped and its rate taken over what it ran, 20), {@code
 * bench.satPool} (connections in each process's pool, 3, besides its listener's), {@code
 * bench.satProcesses} ({@code 1,2,4,8,16}), {@code bench.satQueues} ({@code 1,10,1000}), {@code
 * bench.satQueueProcesses} (the processes of the queue and history drains, 4), {@code
 * bench.satFinished} (1,000,000), {@code bench.satSampleMillis} (20).
 */
final class Saturation {
  /** Slots of each worker process, as {@code dbq worker --concurrency 8}. */
  static final int SLOTS = 8;

  /** Connections left to the server's other users when a drain's processes have theirs. */
  private static final int SPARE_CONNECTIONS = 10;

  private final HikariDataSource ds;
  private final Dbq dbq;
  private final String url;
  private final List<String> jvm;
  private final int jobs = Integer.getInteger("bench.satJobs", 100_000);
  private final int warmUp = Integer.getInteger("bench.satWarmUp", 2_000);
  private final int maxSeconds = Integer.getInteger("bench.satMaxSeconds", 20);
  private final int pool = Integer.getInteger("bench.satPool", 3);
  private final int queueProcesses = Integer.getInteger("bench.satQueueProcesses", 4);
  private final int finished = Integer.getInteger("bench.satFinished", 1_000_000);
  private final Duration sampleEvery =
      Duration.ofMillis(Integer.getInteger("bench.satSampleMillis", 20));
  private final int cores = Runtime.getRuntime().availableProcessors();

  /**
   * @param jvm the worker processes' JVM options
   */
  Saturation(HikariDataSource ds, String url, List<String> jvm) {
    this.ds = ds;
    this.dbq = Dbq.create(ds);
    this.url = url;
    this.jvm = jvm;
  }

  /** The workload's drains, in the order they run. */
  List<SaturationPoint> points() {
    List<SaturationPoint> points = new ArrayList<>();
    for (int p : ints("bench.satProcesses", "1,2,4,8,16")) {
      points.add(new SaturationPoint("processes", p, 1, 0));
    }
    for (int q : ints("bench.satQueues", "1,10,1000")) {
      if (q != 1) {
        points.add(new SaturationPoint("queues", queueProcesses, q, 0));
      }
    }
    // one queue, empty table: the 1-queue point of the queues and the history's "before"
    points.add(new SaturationPoint("queues, history", queueProcesses, 1, 0));
    points.add(new SaturationPoint("history", queueProcesses, 1, finished));
    return points;
  }

  /** Runs every drain and prints the table, with the most frequent wait events below it. */
  List<SaturationResult> run() throws Exception {
    List<SaturationResult> results = new ArrayList<>();
    for (SaturationPoint point : points()) {
      System.out.printf(
          "saturation: %d processes, %d queues, %,d finished jobs before (%s UTC)%n",
          point.processes(), point.queues(), point.finished(), Instant.now());
      SaturationResult r = drain(point);
      System.out.println("  " + r.format(cores));
      results.add(r);
    }
    System.out.println();
    System.out.printf(
        "saturation: %,d no-op jobs per drain, %d slots per process, pool of %d per process,"
            + " warm-up %,d jobs per process, %d cores%n",
        jobs, SLOTS, pool, warmUp, cores);
    System.out.println(SaturationResult.header());
    for (SaturationResult r : results) {
      System.out.println(r.format(cores));
    }
    System.out.println();
    System.out.println("most frequent wait events, share of busy backend samples:");
    for (SaturationResult r : results) {
      SaturationPoint p = r.point();
      System.out.printf(
          "- %d processes, %,d queues, %,d finished: %s%n",
          p.processes(), p.queues(), p.finished(), r.activity().topEvents(4));
    }
    return results;
  }

  private SaturationResult drain(SaturationPoint point) throws Exception {
    BenchDatabase.resetDbq(ds);
    if (point.finished() > 0) {
      FinishedJobs.insert(ds, point.finished());
    }
    enqueue(queueNames(point.queues()));
    BenchDatabase.execute(ds, "VACUUM ANALYZE dbq_job");
    int needed = point.processes() * (pool + 1);
    long free = freeConnections();
    if (needed + SPARE_CONNECTIONS > free) {
      return SaturationResult.skipped(
          point, "needs " + needed + " connections, " + free + " free on the server");
    }
    List<ChildProcess> children = new ArrayList<>();
    try {
      for (int i = 0; i < point.processes(); i++) {
        children.add(
            ChildProcess.start(
                jvm,
                line -> {},
                "sat-drain",
                Integer.toString(i),
                Integer.toString(point.queues()),
                Integer.toString(warmUp),
                Integer.toString(pool)));
      }
      for (ChildProcess child : children) {
        child.awaitReady(Duration.ofMinutes(5));
      }
      // the warm-up's finished jobs would be history the empty-table drains do not have
      BenchDatabase.execute(ds, "DELETE FROM dbq_job WHERE queue_name LIKE 'warmup-%'");
      BenchDatabase.execute(ds, "VACUUM ANALYZE dbq_job");
      BenchDatabase.execute(ds, "VACUUM ANALYZE dbq_step_run");
      return measure(point, children);
    } finally {
      for (ChildProcess child : children) {
        child.close();
      }
    }
  }

  private SaturationResult measure(SaturationPoint point, List<ChildProcess> children)
      throws Exception {
    try (WalOfDatabase wal = WalOfDatabase.reserve(url);
        ActivitySampler sampler = ActivitySampler.start(url, sampleEvery)) {
      ServerCpu before = ServerCpu.take(ds, sampler.backendPid());
      Instant go = Instant.now();
      for (ChildProcess child : children) {
        child.send("GO");
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(maxSeconds).toNanos();
      boolean stopped = false;
      for (ChildProcess child : children) {
        long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
        if (!stopped && !child.awaitResultLine(left)) {
          stopped = true;
          for (ChildProcess c : children) {
            c.send("STOP");
          }
        }
      }
      long steps = 0;
      long claimed = 0;
      long workerCpu = 0;
      long end = 0;
      Histogram claims = new Histogram(3);
      for (ChildProcess child : children) {
        child.awaitResultLine(Duration.ofMinutes(2).toMillis());
        Map<String, String> r = child.result();
        if (!r.containsKey("steps")) {
          throw new IllegalStateException("a saturation worker process gave no result");
        }
        steps += Long.parseLong(r.get("steps"));
        claimed += Long.parseLong(r.get("claimed"));
        workerCpu += Long.parseLong(r.get("cpu"));
        end = Math.max(end, Long.parseLong(r.get("endMicros")));
        claims.add(ClaimTimes.decode(r.get("claims")));
      }
      Activity activity = sampler.stop();
      ServerCpu after = ServerCpu.take(ds, sampler.backendPid());
      for (ChildProcess child : children) {
        child.send("EXIT");
        child.awaitResult();
      }
      long ownWal = wal.bytes(before.walLsn(), after.walLsn());
      if (!stopped) {
        checkDrained(steps);
      }
      return new SaturationResult(
          point,
          steps,
          (end - (go.getEpochSecond() * 1_000_000L + go.getNano() / 1_000)) / 1e6,
          stopped,
          claims,
          claimed,
          activity,
          after.machine().busyPercentSince(before.machine()),
          workerCpu,
          after.backendMicrosSince(before),
          after.walSince(before),
          ownWal,
          null);
    }
  }

  /** Every job ran once and none is left waiting. */
  private void checkDrained(long steps) throws Exception {
    long left =
        BenchDatabase.count(
            ds,
            "SELECT count(*) FROM dbq_job WHERE state NOT IN ('COMPLETE')"
                + " AND queue_name NOT LIKE 'warmup-%'");
    if (left != 0 || steps != jobs) {
      throw new IllegalStateException(
          "the drain ran "
              + steps
              + " steps of "
              + jobs
              + " jobs and left "
              + left
              + " unfinished");
    }
  }

  private void enqueue(List<String> queues) {
    List<JobBuilder<?>> batch = new ArrayList<>(Workloads.BATCH);
    for (int i = 0; i < jobs; i++) {
      batch.add(BenchJobs.noop().queue(queues.get(i % queues.size())));
      if (batch.size() == Workloads.BATCH || i == jobs - 1) {
        dbq.enqueueAll(batch);
        batch.clear();
      }
    }
  }

  /** Connections the server would still accept from others than superusers. */
  private long freeConnections() throws Exception {
    return BenchDatabase.count(
        ds,
        "SELECT current_setting('max_connections')::int"
            + " - current_setting('superuser_reserved_connections')::int - count(*)"
            + " FROM pg_stat_activity WHERE backend_type = 'client backend'");
  }

  /**
   * The queues of a drain: {@code default} alone, or {@code q0}, {@code q1}, ... zero-padded to one
   * width, so that their names sort as their numbers.
   */
  static List<String> queueNames(int queues) {
    if (queues < 1) {
      throw new IllegalArgumentException("queues must be at least 1, was " + queues);
    }
    if (queues == 1) {
      return List.of(DbqWorker.DEFAULT_QUEUE);
    }
    int width = Integer.toString(queues - 1).length();
    List<String> names = new ArrayList<>(queues);
    for (int i = 0; i < queues; i++) {
      names.add("q" + "0".repeat(width - Integer.toString(i).length()) + i);
    }
    return names;
  }

  private static int[] ints(String property, String defaults) {
    return Arrays.stream(System.getProperty(property, defaults).split(","))
        .map(String::strip)
        .mapToInt(Integer::parseInt)
        .toArray();
  }
}
