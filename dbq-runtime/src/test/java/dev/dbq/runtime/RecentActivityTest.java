package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Dbq#recentActivity(Duration)}: step runs of the window counted per bucket and outcome,
 * older ones left out, and the workers seen by their runs and by the jobs they hold.
 */
class RecentActivityTest {
  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  private static void run(UUID job, String worker, String outcome, String endedAgo) {
    db.sql.execute(
        "INSERT INTO dbq_step_run (job_id, step_index, step_name, attempt, worker, started, ended,"
            + " outcome) VALUES ('"
            + job
            + "', 0, 'only', 1, '"
            + worker
            + "', now() - interval '"
            + endedAgo
            + "' - interval '1 second', now() - interval '"
            + endedAgo
            + "', '"
            + outcome
            + "')");
  }

  @Test
  void runsOfTheWindowAreCountedPerMinuteByOutcomeAndOlderOnesAreLeftOut() {
    UUID job = TestJobBuilder.named("a").enqueue(db.dbq);
    run(job, "w1", "SUCCEEDED", "30 seconds");
    run(job, "w1", "SUCCEEDED", "40 seconds");
    run(job, "w2", "FAILED", "10 minutes 30 seconds");
    run(job, "w2", "RETRIED", "10 minutes 30 seconds");
    run(job, "w2", "LOST", "10 minutes 30 seconds");
    run(job, "old", "SUCCEEDED", "2 hours");

    RecentActivity activity = db.dbq.recentActivity(Duration.ofHours(1));

    assertEquals(60, activity.buckets().size());
    assertEquals(Duration.ofMinutes(1), activity.bucket());
    assertEquals(Duration.ofHours(1), Duration.between(activity.since(), activity.until()));
    assertTrue(activity.complete());
    RecentActivity.Bucket last = activity.buckets().get(59);
    assertEquals(2, last.succeeded(), activity.buckets().toString());
    RecentActivity.Bucket tenAgo = activity.buckets().get(49);
    assertEquals(
        List.of(0L, 1L, 1L, 1L),
        List.of(tenAgo.succeeded(), tenAgo.failed(), tenAgo.retried(), tenAgo.other()));
    assertEquals(
        5,
        activity.buckets().stream().mapToLong(RecentActivity.Bucket::total).sum(),
        "the run of two hours ago is outside the window");
    assertEquals(
        List.of("w1", "w2"),
        activity.workers().stream().map(RecentActivity.WorkerSeen::worker).toList());
  }

  @Test
  void aWorkerHoldingAJobIsSeenBeforeItsFirstRunEnds() {
    UUID job = TestJobBuilder.named("a").enqueue(db.dbq);
    db.sql.execute(
        "UPDATE dbq_job SET state = 'PROCESSING', lock_owner = 'busy',"
            + " lease_expires = now() + interval '1 minute' WHERE id = '"
            + job
            + "'");

    RecentActivity activity = db.dbq.recentActivity(Duration.ofMinutes(5));

    assertEquals(
        List.of(new RecentActivity.WorkerSeen("busy", 1, Optional.empty())), activity.workers());
    assertEquals(0, activity.buckets().stream().mapToLong(RecentActivity.Bucket::total).sum());
  }

  @Test
  void aWindowOutsideItsRangeIsRefusedNamingTheRange() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> db.dbq.recentActivity(Duration.ofDays(8)));
    assertEquals(
        "the activity window must be between 1 second and 7 days, was PT192H", e.getMessage());
  }
}
