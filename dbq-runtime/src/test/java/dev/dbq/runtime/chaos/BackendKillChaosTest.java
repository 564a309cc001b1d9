package dev.dbq.runtime.chaos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.Await;
import dev.dbq.runtime.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: every backend of the test's database (and only of it: the server is shared) is killed
 * with {@code pg_terminate_backend} four times a second for eight seconds while two worker
 * processes drain 2,000 two-step jobs: pooled connections, LISTEN connections and the steps' own.
 */
@Tag("chaos")
class BackendKillChaosTest {
  private static final int JOBS = 2_000;
  private static final int WORKERS = 2;
  private static final int CONCURRENCY = 4;
  private static final Duration GAP = Duration.ofMillis(250);
  private static final Duration FAULT_PERIOD = Duration.ofSeconds(8);
  private static final String KILL_OTHERS =
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
          + " WHERE datname = current_database() AND pid <> pg_backend_pid()";

  @Test
  void workersRideOutTheirConnectionsBeingKilled() throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      ChaosDatabase db = new ChaosDatabase(database.url());
      db.enqueue(JOBS);
      List<WorkerProcess> workers = new ArrayList<>();
      long start = System.nanoTime();
      try (Connection killer = db.connect();
          Statement kill = killer.createStatement()) {
        for (int i = 0; i < WORKERS; i++) {
          workers.add(
              WorkerProcess.start(
                  "kill-" + i,
                  db.url(),
                  5,
                  "--concurrency",
                  Integer.toString(CONCURRENCY),
                  "--lease",
                  "5"));
        }
        Await.untilThroughFailures(
            "the first steps", () -> db.runsOrMinusOne() > 0, Duration.ofSeconds(60));

        int rounds = 0;
        long backendsKilled = 0;
        long faultsEnd = System.nanoTime() + FAULT_PERIOD.toNanos();
        while (System.nanoTime() < faultsEnd && !db.counts().drained()) {
          try (ResultSet rs = kill.executeQuery(KILL_OTHERS)) {
            rs.next();
            backendsKilled += rs.getLong(1);
          }
          rounds++;
          FaultPacing.pause(GAP);
        }
        long lastKill = System.nanoTime();
        long before = db.runsOrMinusOne();
        Await.untilThroughFailures(
            "steps to run after the last kill",
            () -> db.counts().drained() || db.runsOrMinusOne() > before,
            Duration.ofSeconds(60));
        Duration recovery = Duration.ofNanos(System.nanoTime() - lastKill);
        Await.untilThroughFailures(
            "the queue to drain", () -> db.counts().drained(), Duration.ofSeconds(120));
        Duration drain = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(rounds >= 10, "only " + rounds + " rounds of kills before the queue drained");
        long bound = (long) rounds * WORKERS * CONCURRENCY;
        Outcome.assertWorkersSurvived(workers);
        ChaosDatabase.Counts counts = Outcome.assertNothingLost(db, JOBS, bound);
        new ChaosReport(
                "3 backends killed 4x/s",
                JOBS,
                counts.runs(),
                rounds + " rounds, " + backendsKilled + " backends killed",
                counts.repeats(),
                bound,
                drain,
                recovery)
            .write();
      } finally {
        workers.forEach(WorkerProcess::close);
      }
    }
  }
}
