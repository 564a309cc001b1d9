package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.internal.store.Notifications;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A queue's concurrency limit holds across worker processes: {@value #WORKERS} workers of {@value
 * #SLOTS} slots each drain a queue limited to {@value #LIMIT} while the test samples the queue's
 * PROCESSING and STOPPING jobs as fast as it can, and the steps keep their own count of how many
 * run at once in all processes together; every sample also notifies the queue, so that all workers
 * claim at once again and again, as under a stream of enqueues. Neither count ever exceeds the
 * limit, the steps' count reaches it (the test could see a breach), and every job ran exactly once.
 */
class QueueLimitProcessTest {
  private static final int LIMIT = 3;
  private static final int WORKERS = 4;
  private static final int SLOTS = 8;
  private static final int JOBS = 300;
  private static final long STEP_MILLIS = 10;
  private static final String QUEUE = "limited";
  private static final Path LOGS = Path.of("target", "queue-limit");

  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase(2);

  private static Process start(int n) throws Exception {
    Files.createDirectories(LOGS);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LimitWorkerMain.class.getName());
    command.add(db.database.url());
    command.add(Long.toString(STEP_MILLIS));
    command.addAll(List.of(QUEUE, "--concurrency", Integer.toString(SLOTS)));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(new File(LOGS.toFile(), "worker-" + n + ".log"))
        .start();
  }

  private static long[] heldAndComplete(Statement s) throws Exception {
    try (ResultSet rs =
        s.executeQuery(
            "SELECT count(*) FILTER (WHERE state IN ('PROCESSING', 'STOPPING')),"
                + " count(*) FILTER (WHERE state = 'COMPLETE')"
                + " FROM dbq_job WHERE queue_name = '"
                + QUEUE
                + "'")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  @Test
  void fourWorkersOfEightSlotsNeverRunMoreThanTheLimitAndRunEveryJobOnce() throws Exception {
    StoredJobs.execute(
        db.sql,
        "CREATE TABLE IF NOT EXISTS limit_probe (id int PRIMARY KEY, running int, peak int)");
    StoredJobs.execute(
        db.sql,
        "CREATE TABLE IF NOT EXISTS limit_run (job_id uuid, pid bigint,"
            + " at timestamptz NOT NULL DEFAULT clock_timestamp())");
    StoredJobs.execute(db.sql, "TRUNCATE limit_probe, limit_run");
    StoredJobs.execute(db.sql, "INSERT INTO limit_probe VALUES (1, 0, 0)");
    db.dbq().queues().limit(QUEUE, LIMIT);
    StoredJobs.execute(
        db.sql,
        "INSERT INTO dbq_job (id, name, queue_name) SELECT gen_random_uuid(), '"
            + LimitWorkerMain.JOB
            + "', '"
            + QUEUE
            + "' FROM generate_series(1, "
            + JOBS
            + ")");

    List<Process> workers = new ArrayList<>();
    long samples = 0;
    long maxHeld = 0;
    long began = System.nanoTime();
    try {
      for (int i = 0; i < WORKERS; i++) {
        workers.add(start(i));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      try (Statement s = db.sql.createStatement()) {
        while (true) {
          long[] counts = heldAndComplete(s);
          // wakes every worker at once, as a stream of enqueues would: their claims of the
          // limited queue then race each other all the time
          s.execute("SELECT pg_notify('" + Notifications.CHANNEL + "', '" + QUEUE + "')");
          samples++;
          maxHeld = Math.max(maxHeld, counts[0]);
          if (counts[1] == JOBS) {
            break;
          }
          assertTrue(
              System.nanoTime() < deadline, "the drain ends in time: " + counts[1] + " done");
          for (Process p : workers) {
            assertTrue(p.isAlive(), "a worker exited early; see " + LOGS);
          }
        }
      }
      long drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
      for (Process p : workers) {
        p.destroy(); // SIGTERM: the graceful stop
      }
      for (Process p : workers) {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "a worker stops after SIGTERM");
        assertEquals(0, p.exitValue(), "exit status after SIGTERM; see " + LOGS);
      }
      long peak = new Sql(db.database).count("SELECT peak FROM limit_probe");
      long runs = new Sql(db.database).count("SELECT count(*) FROM limit_run");
      long distinct = new Sql(db.database).count("SELECT count(DISTINCT job_id) FROM limit_run");
      long processes = new Sql(db.database).count("SELECT count(DISTINCT pid) FROM limit_run");
      long runMillis =
          new Sql(db.database)
              .count(
                  "SELECT (extract(epoch FROM max(at) - min(at)) * 1000)::bigint FROM limit_run");
      // the figures docs/benchmarks.md quotes, in target/surefire-reports/*-output.txt
      System.out.printf(
          "queue limit %d, %d workers x %d slots, %d jobs of %d ms: %d samples, most PROCESSING or"
              + " STOPPING %d, most steps running at once %d, %d processes ran jobs, drain %d ms"
              + " (%d ms from the first step to the last)%n",
          LIMIT,
          WORKERS,
          SLOTS,
          JOBS,
          STEP_MILLIS,
          samples,
          maxHeld,
          peak,
          processes,
          drainMillis,
          runMillis);

      assertTrue(maxHeld <= LIMIT, "most jobs held at once: " + maxHeld);
      assertEquals(LIMIT, peak, "the steps' own count reached the limit and never passed it");
      assertEquals(JOBS, runs, "every job ran once");
      assertEquals(JOBS, distinct, "every job ran once");
      assertTrue(processes > 1, "the jobs ran in several processes: " + processes);
      assertTrue(samples > 50, "the test sampled the running count often: " + samples);
    } finally {
      for (Process p : workers) {
        p.destroyForcibly();
      }
    }
  }
}
