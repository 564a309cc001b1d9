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
 * Scenario 5: a repeatable-read transaction stays open for the whole drain of 3,000 two-step jobs
 * by two worker processes, so VACUUM cannot remove the dead row versions every claim and save leave
 * behind. The queue table bloats and throughput may dip; nothing may be lost and, with no fault on
 * any connection, nothing may repeat.
 */
@Tag("chaos")
class VacuumHoldChaosTest {
  private static final int JOBS = 3_000;
  private static final int WORKERS = 2;

  @Test
  void aLongTransactionHoldingBackVacuumLosesNothing() throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      ChaosDatabase db = new ChaosDatabase(database.url());
      db.enqueue(JOBS);
      List<WorkerProcess> workers = new ArrayList<>();
      try (Connection holder = db.connect();
          Statement hold = holder.createStatement();
          Connection admin = db.connect();
          Statement s = admin.createStatement()) {
        holder.setAutoCommit(false);
        holder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        hold.executeQuery("SELECT txid_current(), count(*) FROM dbq_job").close();

        long start = System.nanoTime();
        for (int i = 0; i < WORKERS; i++) {
          workers.add(
              WorkerProcess.start(
                  "vacuum-" + i, db.url(), 0, "--concurrency", "4", "--lease", "5"));
        }
        Await.untilThroughFailures(
            "half of the steps", () -> db.runsOrMinusOne() >= JOBS, Duration.ofSeconds(90));
        s.execute("VACUUM dbq_job");
        long deadAfterVacuum =
            single(s, "SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'dbq_job'");
        Await.untilThroughFailures(
            "the queue to drain", () -> db.counts().drained(), Duration.ofSeconds(120));
        Duration drain = Duration.ofNanos(System.nanoTime() - start);
        long heldXmin =
            single(
                s,
                "SELECT count(*) FROM pg_stat_activity WHERE pid = "
                    + single(hold, "SELECT pg_backend_pid()")
                    + " AND backend_xmin IS NOT NULL");
        holder.rollback();

        assertTrue(
            deadAfterVacuum > JOBS,
            "VACUUM should have been held back, but left only " + deadAfterVacuum + " dead rows");
        assertTrue(heldXmin == 1, "the long transaction held no snapshot");
        Outcome.assertWorkersSurvived(workers);
        ChaosDatabase.Counts counts = Outcome.assertNothingLost(db, JOBS, 0);
        new ChaosReport(
                "5 long transaction holds back vacuum",
                JOBS,
                counts.runs(),
                "1 transaction open "
                    + drain.toSeconds()
                    + " s; "
                    + deadAfterVacuum
                    + " dead rows VACUUM could not remove mid-drain",
                counts.repeats(),
                0,
                drain,
                Duration.ZERO)
            .write();
      } finally {
        workers.forEach(WorkerProcess::close);
      }
    }
  }

  private static long single(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
