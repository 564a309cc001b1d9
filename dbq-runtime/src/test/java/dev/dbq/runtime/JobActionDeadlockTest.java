package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator's action on many jobs locks them in the order its plan reads them, and anything else
 * that locks two of them in the other order (a worker's batched save) closes a cycle: PostgreSQL
 * then ends one transaction. When it ends the action's, the action runs again instead of failing.
 */
class JobActionDeadlockTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();

  @Test
  void aCancelThatPostgresqlEndsToBreakADeadlockRunsAgainAndCancelsEveryJob() throws Exception {
    UUID a = TestJobBuilder.named("held").queue("default").enqueue(db.sql);
    UUID b = TestJobBuilder.named("held").queue("default").enqueue(db.sql);
    boolean deadlocked = false;
    // The cancel locks the two rows in an order of its plan's choosing: hold one, and if the cancel
    // has taken the other by the time it waits, take that one too. Otherwise the order is the
    // other way round, which the second round sets up.
    for (UUID[] heldFirst : List.of(new UUID[] {b, a}, new UUID[] {a, b})) {
      StoredJobs.execute(db.sql, "UPDATE dbq_job SET state = 'READY', cancel_requested = NULL");
      try (Connection other = db.database.connect()) {
        other.setAutoCommit(false);
        try (var s = other.createStatement()) {
          // this session never notices the cycle first: the cancel's backend (1 s) does, and
          // PostgreSQL ends the transaction of the backend that finds the cycle
          s.execute("SET LOCAL deadlock_timeout = '60s'");
        }
        lock(other, heldFirst[0]);
        CompletableFuture<JobActionResult> cancel =
            CompletableFuture.supplyAsync(() -> db.dbq().control().cancel(List.of(a, b)));
        Await.until(
            "the cancel waits for the held row",
            JobActionDeadlockTest::cancelWaits,
            Duration.ofSeconds(30));
        Savepoint beforeTry = other.setSavepoint();
        if (!lockNowait(other, heldFirst[1])) {
          other.rollback(beforeTry);
          deadlocked = true;
          // closes the cycle: each waits for the other, so this returns only once PostgreSQL has
          // ended the cancel's transaction (this session's 60 s deadlock_timeout never comes)
          lock(other, heldFirst[1]);
        }
        other.commit();
        JobActionResult result = cancel.get(30, TimeUnit.SECONDS);
        assertEquals(Set.of(a, b), Set.copyOf(result.changed()));
        assertEquals(JobState.CANCELLED, StoredJobs.state(db.sql, a));
        assertEquals(JobState.CANCELLED, StoredJobs.state(db.sql, b));
      }
      if (deadlocked) {
        break;
      }
    }
    assertTrue(deadlocked, "neither order of the two rows made the cancel hold one of them");
  }

  private static void lock(Connection c, UUID id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT 1 FROM dbq_job WHERE id = ? FOR UPDATE")) {
      s.setObject(1, id);
      s.executeQuery().close();
    }
  }

  private static boolean lockNowait(Connection c, UUID id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT 1 FROM dbq_job WHERE id = ? FOR UPDATE NOWAIT")) {
      s.setObject(1, id);
      s.executeQuery().close();
      return true;
    } catch (SQLException e) {
      if ("55P03".equals(e.getSQLState())) {
        return false; // lock_not_available: the cancel holds it
      }
      throw e;
    }
  }

  private static boolean cancelWaits() throws SQLException {
    return number(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock' AND query LIKE '%cancel_requested%'")
        == 1;
  }

  private static long number(String query) throws SQLException {
    try (var s = db.sql.createStatement();
        ResultSet r = s.executeQuery(query)) {
      r.next();
      String value = r.getString(1);
      return value.isEmpty() ? 0 : Long.parseLong(value);
    }
  }
}
