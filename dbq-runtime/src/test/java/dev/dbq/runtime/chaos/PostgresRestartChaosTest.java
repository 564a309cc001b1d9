package dev.dbq.runtime.chaos;

import dev.dbq.runtime.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2: PostgreSQL restarts twice while two worker processes drain 2,000 two-step jobs. The
 * server is one this test owns (embedded binaries, its own port and data directory), never the
 * shared one. Each restart is a fast shutdown: every connection, the LISTEN ones included, is cut.
 */
@Tag("chaos")
class PostgresRestartChaosTest {
  private static final int JOBS = 2_000;
  private static final int WORKERS = 2;
  private static final int CONCURRENCY = 4;
  private static final int RESTARTS = 2;
  private static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);

  @Test
  void workersReconnectAfterRestartsAndLoseNothing() throws Exception {
    try (OwnedPostgres server = OwnedPostgres.start("restart", Map.of())) {
      ChaosDatabase db = new ChaosDatabase(server.createDatabase("chaos"));
      db.enqueue(JOBS);
      List<WorkerProcess> workers = new ArrayList<>();
      long start = System.nanoTime();
      try {
        for (int i = 0; i < WORKERS; i++) {
          workers.add(
              WorkerProcess.start(
                  "restart-" + i,
                  db.url(),
                  5,
                  "--concurrency",
                  Integer.toString(CONCURRENCY),
                  "--lease",
                  "5"));
        }
        Duration worstRecovery = Duration.ZERO;
        for (int r = 1; r <= RESTARTS; r++) {
          long threshold = (long) 2 * JOBS * r / (RESTARTS + 2);
          Await.untilThroughFailures(
              "progress before restart " + r,
              () -> db.runsOrMinusOne() >= threshold,
              Duration.ofSeconds(90));
          long restarting = System.nanoTime();
          server.restart();
          long before = db.runsOrMinusOne();
          Await.untilThroughFailures(
              "steps to run again after restart " + r,
              () -> db.runsOrMinusOne() > before,
              RECOVERY_BOUND);
          // from the moment the server began to stop until steps run again
          Duration recovery = Duration.ofNanos(System.nanoTime() - restarting);
          worstRecovery = worstRecovery.compareTo(recovery) < 0 ? recovery : worstRecovery;
        }
        Await.untilThroughFailures(
            "the queue to drain", () -> db.counts().drained(), Duration.ofSeconds(120));
        Duration drain = Duration.ofNanos(System.nanoTime() - start);

        long bound = (long) RESTARTS * WORKERS * CONCURRENCY;
        Outcome.assertWorkersSurvived(workers);
        ChaosDatabase.Counts counts = Outcome.assertNothingLost(db, JOBS, bound);
        new ChaosReport(
                "2 PostgreSQL restarted mid-drain",
                JOBS,
                counts.runs(),
                RESTARTS + " restarts (fast shutdown)",
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
}
