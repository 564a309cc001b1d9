package dev.dbq.runtime.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.Await;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 4: the connections run out. "Exhausted" here means what a worker meets in production
 * when another client hogs the server: a test-owned server with {@code max_connections = 30}, a hog
 * that takes every free slot, then kills the workers' backends and takes each slot that frees up
 * until it holds them all, for five seconds, twice, while two worker processes (pools of 10 each)
 * drain 2,000 two-step jobs. During a hold the workers cannot open a single connection.
 */
@Tag("chaos")
class ConnectionExhaustionChaosTest {
  private static final int JOBS = 2_000;
  private static final int WORKERS = 2;
  private static final int CONCURRENCY = 4;
  private static final int HOLDS = 2;
  private static final Duration HOLD = Duration.ofSeconds(5);
  private static final String WORKER_BACKENDS =
      " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
          // autovacuum workers show the database too, but take no connection slot
          + " AND backend_type = 'client backend'"
          + " AND application_name <> '"
          + ConnectionHog.APPLICATION_NAME
          + "'";
  private static final String KILL_WORKER_BACKENDS =
      "SELECT count(pg_terminate_backend(pid))" + WORKER_BACKENDS;
  private static final String COUNT_WORKER_BACKENDS = "SELECT count(*)" + WORKER_BACKENDS;

  @Test
  void workersWaitForConnectionsAndLoseNothing() throws Exception {
    try (OwnedPostgres server =
        OwnedPostgres.start(
            "exhaust", Map.of("max_connections", "30", "superuser_reserved_connections", "0"))) {
      ChaosDatabase db = new ChaosDatabase(server.createDatabase("chaos"));
      db.enqueue(JOBS);
      List<WorkerProcess> workers = new ArrayList<>();
      long start = System.nanoTime();
      // the test's own connection, taken before the hog fills the server
      try (Connection monitor = db.connect();
          Statement s = monitor.createStatement()) {
        for (int i = 0; i < WORKERS; i++) {
          workers.add(
              WorkerProcess.start(
                  "exhaust-" + i,
                  db.url(),
                  5,
                  "--concurrency",
                  Integer.toString(CONCURRENCY),
                  "--lease",
                  "5"));
        }
        Duration worstRecovery = Duration.ZERO;
        int mostHeld = 0;
        long workerBackendsAtEnd = 0;
        long killRounds = 0;
        for (int h = 1; h <= HOLDS; h++) {
          long threshold = (long) 2 * JOBS * (3 * h - 2) / 10; // 10 % and 40 % of the steps
          Await.untilThroughFailures(
              "progress before hold " + h,
              () -> db.runsOrMinusOne() >= threshold,
              Duration.ofSeconds(90));
          try (ConnectionHog hog = new ConnectionHog(db.url())) {
            long holdEnd = System.nanoTime() + HOLD.toNanos();
            while (System.nanoTime() < holdEnd) {
              // kill what the workers hold, take the slots that frees; the hog keeps what it gets,
              // so within a few rounds it has every slot and the workers none
              hog.takeAllFree();
              try (ResultSet rs = s.executeQuery(KILL_WORKER_BACKENDS)) {
                rs.next();
                if (rs.getLong(1) > 0) {
                  killRounds++;
                }
              }
              hog.takeAllFree();
              FaultPacing.pause(Duration.ofMillis(20));
            }
            mostHeld = Math.max(mostHeld, hog.held());
            workerBackendsAtEnd = Math.max(workerBackendsAtEnd, otherBackends(s));
          }
          long released = System.nanoTime();
          long before = runs(s);
          Await.untilThroughFailures(
              "steps to run after hold " + h,
              () -> runs(s) > before || db.counts().drained(),
              Duration.ofSeconds(60));
          Duration recovery = Duration.ofNanos(System.nanoTime() - released);
          worstRecovery = worstRecovery.compareTo(recovery) < 0 ? recovery : worstRecovery;
        }
        Await.untilThroughFailures(
            "the queue to drain", () -> db.counts().drained(), Duration.ofSeconds(120));
        Duration drain = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(mostHeld >= 25, "the hog held only " + mostHeld + " of 30 connections");
        assertEquals(0, workerBackendsAtEnd, "worker backends left at the end of a hold");
        // each round that killed worker backends cut at most the steps then in flight
        long bound = killRounds * WORKERS * CONCURRENCY;
        Outcome.assertWorkersSurvived(workers);
        ChaosDatabase.Counts counts = Outcome.assertNothingLost(db, JOBS, bound);
        new ChaosReport(
                "4 connections exhausted by another client",
                JOBS,
                counts.runs(),
                HOLDS
                    + " holds of "
                    + HOLD.toSeconds()
                    + " s, hog held "
                    + mostHeld
                    + "/30 slots, "
                    + killRounds
                    + " kill rounds",
                counts.repeats(),
                bound,
                drain,
                worstRecovery)
            .write();
      } finally {
        workers.forEach(WorkerProcess::close);
      }
    }
  }

  private static long otherBackends(Statement s) throws Exception {
    try (ResultSet rs = s.executeQuery(COUNT_WORKER_BACKENDS)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long runs(Statement s) throws Exception {
    try (var rs = s.executeQuery("SELECT count(*) FROM chaos_step_log")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
