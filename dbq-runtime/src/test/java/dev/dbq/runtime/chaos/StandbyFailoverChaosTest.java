package dev.dbq.runtime.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.Await;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 7: failover to a synchronous standby. Two clusters of the test's own ({@link
 * StandbyPair}): a primary and a streaming standby it waits for on every commit. Two worker
 * processes and an enqueuing application reach them through one multi-host URL ({@code
 * targetServerType=primary}). A third of the way through a drain of 1,000 two-step jobs the primary
 * is stopped hard ({@code pg_ctl stop -m immediate}) and the standby promoted. The workers (their
 * pools and their {@code LISTEN}) and the enqueuer must find the new primary by themselves; every
 * enqueue acknowledged before, during or after the failover must be there and run; steps repeat at
 * most as many times as jobs were held at the kill.
 */
@Tag("chaos")
@ExtendWith(ServerBinaries.class)
class StandbyFailoverChaosTest {
  private static final int JOBS = 1_000;
  private static final int WORKERS = 2;
  private static final int CONCURRENCY = 4;
  private static final long STEP_MILLIS = 5;
  private static final int LEASE_SECONDS = 5;
  // enqueues the application must see acknowledged by the new primary before it stops
  private static final int ENQUEUES_AFTER_PROMOTION = 25;
  private static final Duration RESUME_BOUND = Duration.ofSeconds(60);
  // what ListenerConnections names a worker's LISTEN connection
  private static final String LISTENER = "dbq worker listener";

  @Test
  void workersAndEnqueuesMoveToThePromotedStandbyAndLoseNothing() throws Exception {
    try (StandbyPair pair = StandbyPair.start("failover")) {
      pair.createDatabase("chaos");
      String url = pair.failoverUrl("chaos");
      ChaosDatabase db = new ChaosDatabase(url);
      db.enqueue(JOBS);
      List<WorkerProcess> workers = new ArrayList<>();
      long start = System.nanoTime();
      try (FailoverEnqueuer enqueuer = new FailoverEnqueuer(url)) {
        for (int i = 0; i < WORKERS; i++) {
          workers.add(
              WorkerProcess.start(
                  "failover-" + i,
                  url,
                  STEP_MILLIS,
                  "--concurrency",
                  Integer.toString(CONCURRENCY),
                  "--lease",
                  Integer.toString(LEASE_SECONDS)));
        }
        Await.untilThroughFailures(
            "a third of the steps, and both workers listening, before the kill",
            () -> db.runsOrMinusOne() >= 2L * JOBS / 3 && listeners(url) == WORKERS,
            Duration.ofSeconds(90));

        Instant killedAt = Instant.now();
        long killed = System.nanoTime();
        long acknowledgedAtKill = enqueuer.acknowledgedCount();
        pair.killPrimary();
        // the old primary saved jobs until its processes were gone; only later saves are the new
        // primary's
        Instant goneAt = Instant.now();
        long gone = System.nanoTime();
        // the standby holds what the primary acknowledged; read it before any worker can write
        pair.awaitStandbyReplayed();
        long heldAtKill = held(pair.standbyUrl("chaos"));
        pair.promoteStandby();
        Duration promotion = Duration.ofNanos(System.nanoTime() - killed);
        long acknowledgedAtPromotion = enqueuer.acknowledgedCount();

        Await.untilThroughFailures(
            "a job to complete on the new primary",
            () -> firstCompletionAfter(url, goneAt) != null,
            RESUME_BOUND);
        Duration resume = Duration.between(killedAt, firstCompletionAfter(url, goneAt));
        Await.untilThroughFailures(
            ENQUEUES_AFTER_PROMOTION + " enqueues acknowledged by the new primary",
            () ->
                enqueuer.acknowledgedCount() >= acknowledgedAtPromotion + ENQUEUES_AFTER_PROMOTION,
            RESUME_BOUND);
        enqueuer.stop();
        List<UUID> acknowledged = enqueuer.acknowledged();
        Duration enqueuePause = enqueuer.pauseAround(gone);

        Await.untilThroughFailures(
            "the queue to drain", () -> db.counts().drained(), Duration.ofSeconds(120));
        Duration drain = Duration.ofNanos(System.nanoTime() - start);
        // each worker's wake-up listener reconnected too, to the new primary
        Await.untilThroughFailures(
            "both workers to LISTEN on the new primary",
            () -> listeners(url) == WORKERS,
            RESUME_BOUND);

        Outcome.assertWorkersSurvived(workers);
        assertTrue(acknowledgedAtKill > 0, "no enqueue was acknowledged before the kill");
        // none lost: every acknowledged job is on the new primary, and done
        assertEquals(acknowledged.size(), completeAmong(url, acknowledged), "acknowledged jobs");
        long jobs = db.counts().jobs();
        long threw = enqueuer.failures();
        assertTrue(
            jobs >= JOBS + acknowledged.size() && jobs <= JOBS + acknowledged.size() + threw,
            jobs
                + " jobs stored, expected the "
                + (JOBS + acknowledged.size())
                + " acknowledged and at most the "
                + threw
                + " enqueues that threw");
        ChaosDatabase.Counts counts = Outcome.assertNothingLost(db, jobs, heldAtKill);
        new ChaosReport(
                "7 primary stopped hard, synchronous standby promoted",
                jobs,
                counts.runs(),
                "1 failover; "
                    + heldAtKill
                    + " jobs held at the kill; "
                    + acknowledged.size()
                    + " enqueues acknowledged meanwhile, "
                    + threw
                    + " threw",
                counts.repeats(),
                heldAtKill,
                drain,
                resume)
            .write();
        System.out.printf(
            Locale.ROOT,
            "FAILOVER kill to promoted %.1f s; kill to first job completed on the new primary %.1f s;"
                + " no enqueue acknowledged for %.1f s around the old primary's end; %d enqueues"
                + " acknowledged (%d before the kill, %d by the promotion), %d threw (first: %s)%n",
            promotion.toMillis() / 1000.0,
            resume.toMillis() / 1000.0,
            enqueuePause.toMillis() / 1000.0,
            acknowledged.size(),
            acknowledgedAtKill,
            acknowledgedAtPromotion,
            threw,
            enqueuer.firstFailure());
      } finally {
        workers.forEach(WorkerProcess::close);
      }
    }
  }

  /** Jobs held (claimed, not yet saved) as the given server has them. */
  private static long held(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM dbq_job WHERE state IN ('PROCESSING', 'STOPPING')");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The workers' LISTEN connections to the database, on whichever server is the primary. */
  private static long listeners(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND application_name = ?")) {
      ps.setString(1, LISTENER);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * When the first job completed after {@code instant}, or null: once the old primary is gone only
   * the new one can have saved one (the save stamps {@code modified} with the server's clock, which
   * is this machine's).
   */
  private static Instant firstCompletionAfter(String url, Instant instant) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT min(modified) FROM dbq_job WHERE state = 'COMPLETE' AND modified > ?")) {
      ps.setObject(1, instant.atOffset(ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        OffsetDateTime first = rs.getObject(1, OffsetDateTime.class);
        return first == null ? null : first.toInstant();
      }
    }
  }

  private static long completeAmong(String url, List<UUID> ids) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM dbq_job WHERE id = ANY (?) AND state = 'COMPLETE'")) {
      ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
