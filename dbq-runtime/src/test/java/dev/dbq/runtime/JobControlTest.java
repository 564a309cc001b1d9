package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's actions on stored jobs, each fenced by the states it takes: what each changes,
 * what it leaves alone and reports, and what it refuses before writing anything.
 */
class JobControlTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();

  private static final JobDefinition THREE_STEPS =
      JobDefinition.builder("three")
          .step("a", call -> null)
          .step("b", call -> null)
          .step("c", call -> null)
          .build();

  private static UUID job(String name, String queue, JobState state, int nextStep)
      throws SQLException {
    UUID id = TestJobBuilder.named(name).queue(queue).enqueue(db.sql);
    StoredJobs.execute(
        db.sql,
        "UPDATE dbq_job SET state = '"
            + state
            + "', next_step = "
            + nextStep
            + ", attempt = 3, last_error = 'boom' WHERE id = '"
            + id
            + "'");
    return id;
  }

  private static JobControl control() {
    return db.dbq().control();
  }

  @Test
  void retryPutsFailedAndCancelledJobsBackToReadyAtTheirStepWithAttemptsResetAndRunnableNow()
      throws Exception {
    UUID failed = job("three", "default", JobState.FAILED, 1);
    UUID cancelled = job("three", "default", JobState.CANCELLED, 2);
    StoredJobs.execute(db.sql, "UPDATE dbq_job SET run_after = now() + interval '1 day'");

    JobActionResult result = control().retry(List.of(failed, cancelled));

    assertEquals(Set.of(failed, cancelled), Set.copyOf(result.changed()));
    assertEquals(Map.of(), result.leftAlone());
    StoredJobs.Row f = StoredJobs.row(db.sql, failed);
    assertEquals(JobState.READY, f.state());
    assertEquals(1, f.nextStep());
    assertEquals(0, f.attempt());
    assertFalse(f.runAfterInFuture());
    assertEquals(2, StoredJobs.row(db.sql, cancelled).nextStep());
  }

  @Test
  void retryFromAGivenStepRunsFromThatStep() throws Exception {
    UUID id = job("three", "default", JobState.FAILED, 2);

    control().withCatalog(JobCatalog.of(THREE_STEPS)).retry(List.of(id), 0);

    assertEquals(0, StoredJobs.row(db.sql, id).nextStep());
    assertEquals(JobState.READY, StoredJobs.state(db.sql, id));
  }

  @Test
  void retryFromAStepTheCatalogsJobDoesNotHaveIsRefusedAndNothingIsWritten() throws Exception {
    UUID id = job("three", "default", JobState.FAILED, 2);
    JobControl control = control().withCatalog(JobCatalog.of(THREE_STEPS));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> control.retry(List.of(id), 3));
    assertEquals(
        "job 'three' has 3 steps (indexes 0 to 2); it cannot be retried from step index 3",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> control.retry(List.of(id), -1));
    assertThrows(
        IllegalArgumentException.class,
        () -> control.retry(JobFilter.all().withStates(JobState.FAILED), 3));

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.FAILED, row.state());
    assertEquals(2, row.nextStep());
  }

  @Test
  void retryLeavesJobsInOtherStatesAloneAndReportsThemWithTheIdsThatHaveNoJob() throws Exception {
    UUID complete = job("three", "default", JobState.COMPLETE, 3);
    UUID processing = job("three", "default", JobState.PROCESSING, 1);
    UUID missing = UUID.randomUUID();

    JobActionResult result = control().retry(List.of(complete, processing, missing));

    assertEquals(List.of(), result.changed());
    assertEquals(
        Map.of(complete, JobState.COMPLETE, processing, JobState.PROCESSING), result.leftAlone());
    assertEquals(List.of(missing), result.notFound());
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, complete));
    assertEquals(JobState.PROCESSING, StoredJobs.state(db.sql, processing));
  }

  @Test
  void retryOfAFilterTakesOnlyTheFailedJobsOfThatQueueAndName() throws Exception {
    UUID match = job("three", "imports", JobState.FAILED, 0);
    UUID otherQueue = job("three", "default", JobState.FAILED, 0);
    UUID otherName = job("other", "imports", JobState.FAILED, 0);
    UUID cancelled = job("three", "imports", JobState.CANCELLED, 0);

    JobActionResult result =
        control()
            .retry(
                JobFilter.all().withStates(JobState.FAILED).withQueue("imports").withName("three"));

    assertEquals(List.of(match), result.changed());
    assertEquals(JobState.FAILED, StoredJobs.state(db.sql, otherQueue));
    assertEquals(JobState.FAILED, StoredJobs.state(db.sql, otherName));
    assertEquals(JobState.CANCELLED, StoredJobs.state(db.sql, cancelled));
  }

  @Test
  void aFilterNamingAStateTheActionDoesNotTakeIsRefusedBeforeAnythingIsWritten() throws Exception {
    UUID id = job("three", "default", JobState.FAILED, 0);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> control().retry(JobFilter.all().withStates(JobState.FAILED, JobState.COMPLETE)));
    assertEquals("retry takes FAILED or CANCELLED jobs; COMPLETE is not one", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> control().delete(JobFilter.all().withStates(JobState.PROCESSING)));
    assertThrows(
        IllegalArgumentException.class,
        () -> control().cancel(JobFilter.all().withStates(JobState.COMPLETE)));
    assertThrows(
        IllegalArgumentException.class,
        () -> control().runNow(JobFilter.all().withStates(JobState.FAILED)));
    assertEquals(JobState.FAILED, StoredJobs.state(db.sql, id));
  }

  @Test
  void cancelMakesWaitingJobsCancelledAtOnceAndAsksRunningOnesToStop() throws Exception {
    UUID fresh = job("three", "default", JobState.NEW, 0);
    UUID ready = job("three", "default", JobState.READY, 1);
    UUID running = job("three", "default", JobState.PROCESSING, 1);
    UUID complete = job("three", "default", JobState.COMPLETE, 3);

    JobActionResult result = control().cancel(List.of(fresh, ready, running, complete));

    assertEquals(Set.of(fresh, ready, running), Set.copyOf(result.changed()));
    assertEquals(List.of(running), result.stopRequested());
    assertEquals(Map.of(complete, JobState.COMPLETE), result.leftAlone());
    assertEquals(JobState.CANCELLED, StoredJobs.state(db.sql, fresh));
    assertEquals(JobState.CANCELLED, StoredJobs.state(db.sql, ready));
    assertEquals(JobState.PROCESSING, StoredJobs.state(db.sql, running));
    assertEquals(
        1, StoredJobs.count(db.sql, "id = '" + running + "' AND cancel_requested IS NOT NULL"));
    assertEquals(1, StoredJobs.count(db.sql, "cancel_requested IS NOT NULL"));

    JobActionResult again = control().cancel(List.of(running));
    assertEquals(List.of(), again.changed());
    assertEquals(Map.of(running, JobState.PROCESSING), again.leftAlone());
  }

  @Test
  void cancelOfAFilterTakesTheWaitingJobsOfThatQueue() throws Exception {
    UUID waiting = job("three", "imports", JobState.READY, 0);
    UUID elsewhere = job("three", "default", JobState.READY, 0);
    UUID failed = job("three", "imports", JobState.FAILED, 0);

    JobActionResult result = control().cancel(JobFilter.all().withQueue("imports"));

    assertEquals(List.of(waiting), result.changed());
    assertEquals(JobState.READY, StoredJobs.state(db.sql, elsewhere));
    assertEquals(JobState.FAILED, StoredJobs.state(db.sql, failed));
  }

  @Test
  void deleteNeverDeletesAJobAWorkerHoldsAndTakesTheHistoryWithTheJob() throws Exception {
    UUID failed = job("three", "default", JobState.FAILED, 0);
    UUID processing = job("three", "default", JobState.PROCESSING, 0);
    UUID stopping = job("three", "default", JobState.STOPPING, 0);
    StoredJobs.execute(
        db.sql,
        "INSERT INTO dbq_step_run (job_id, step_index, attempt, started, ended, outcome)"
            + " VALUES ('"
            + failed
            + "', 0, 1, now(), now(), 'FAILED')");

    JobActionResult result = control().delete(List.of(failed, processing, stopping));

    assertEquals(List.of(failed), result.changed());
    assertEquals(
        Map.of(processing, JobState.PROCESSING, stopping, JobState.STOPPING), result.leftAlone());
    assertEquals(0, StoredJobs.count(db.sql, "id = '" + failed + "'"));
    assertEquals(2, StoredJobs.count(db.sql, "true"));
    try (var s = db.sql.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM dbq_step_run")) {
      rs.next();
      assertEquals(0, rs.getLong(1));
    }
  }

  @Test
  void deleteOfAFilterDeletesEveryMatchingJobNoWorkerHolds() throws Exception {
    job("three", "imports", JobState.COMPLETE, 3);
    job("three", "imports", JobState.NEW, 0);
    UUID held = job("three", "imports", JobState.PROCESSING, 0);
    UUID elsewhere = job("three", "default", JobState.COMPLETE, 3);

    JobActionResult result = control().delete(JobFilter.all().withQueue("imports"));

    assertEquals(2, result.changedCount());
    assertEquals(2, StoredJobs.count(db.sql, "true"));
    assertEquals(JobState.PROCESSING, StoredJobs.state(db.sql, held));
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, elsewhere));
  }

  @Test
  void runNowClearsAFutureRunAfterAndLeavesJobsThatAreNotScheduledAlone() throws Exception {
    UUID later =
        TestJobBuilder.named("three").queue("default").runAfter(Duration.ofDays(1)).enqueue(db.sql);
    UUID now = TestJobBuilder.named("three").queue("default").enqueue(db.sql);
    UUID failed = job("three", "default", JobState.FAILED, 0);
    StoredJobs.execute(
        db.sql,
        "UPDATE dbq_job SET run_after = now() + interval '1 day' WHERE id = '" + failed + "'");

    JobActionResult result = control().runNow(List.of(later, now, failed));

    assertEquals(List.of(later), result.changed());
    assertEquals(Map.of(now, JobState.NEW, failed, JobState.FAILED), result.leftAlone());
    assertFalse(StoredJobs.row(db.sql, later).runAfterInFuture());
    assertTrue(StoredJobs.row(db.sql, failed).runAfterInFuture());
  }

  @Test
  void aRetriedJobRunsAgainFromItsFailedStepAndCompletes() throws Exception {
    UUID id = job("three", "default", JobState.FAILED, 2);
    java.util.List<String> ran =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    JobDefinition recorded =
        JobDefinition.builder("three")
            .step(
                "a",
                call -> {
                  ran.add("a");
                  return null;
                })
            .step(
                "b",
                call -> {
                  ran.add("b");
                  return null;
                })
            .step(
                "c",
                call -> {
                  ran.add("c");
                  return null;
                })
            .build();

    control().retry(List.of(id));
    DbqWorker.builder().dbq(db.dbq()).catalog(JobCatalog.of(recorded)).build().runUntilEmpty();

    assertEquals(List.of("c"), ran);
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, id));
  }

  @Test
  void retryAndRunNowWakeAnIdleWorkerWithoutWaitingForItsPoll() throws Exception {
    UUID failed = job("three", "default", JobState.FAILED, 2);
    UUID later = TestJobBuilder.named("three").runAfter(Duration.ofDays(1)).enqueue(db.sql);
    try (DbqWorker worker =
        DbqWorker.builder()
            .dbq(db.dbq())
            .catalog(JobCatalog.of(THREE_STEPS))
            .pollInterval(Duration.ofHours(1))
            .build()) {
      worker.start();
      Await.until("the worker listens", worker::isListening, Duration.ofSeconds(10));

      control().retry(List.of(failed));
      control().runNow(List.of(later));

      // an hour's poll: only the statements' notifications can wake it this soon
      Await.until(
          "both jobs complete",
          () ->
              StoredJobs.state(db.sql, failed) == JobState.COMPLETE
                  && StoredJobs.state(db.sql, later) == JobState.COMPLETE,
          Duration.ofSeconds(20));
    }
  }
}
