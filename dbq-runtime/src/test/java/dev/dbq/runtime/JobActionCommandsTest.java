package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code dbq retry | cancel | delete | run-now}, run in-process against real PostgreSQL: what each
 * prints, what it changes, and exit 2 with nothing written for bad input.
 */
class JobActionCommandsTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();

  private static final JobCatalog CATALOG =
      JobCatalog.of(
          JobDefinition.builder("import_cats")
              .step("fetch", call -> null)
              .step("store", call -> null)
              .build());

  private static CliRun run(String... args) {
    return CliRun.of(Map.of("DBQ_JDBC_URL", db.database.url()), CATALOG, args);
  }

  private static UUID job(JobState state) throws Exception {
    UUID id = TestJobBuilder.named("import_cats").queue("default").enqueue(db.sql);
    StoredJobs.execute(
        db.sql,
        "UPDATE dbq_job SET state = '" + state + "', next_step = 1 WHERE id = '" + id + "'");
    return id;
  }

  @Test
  void retryOfIdsPrintsHowManyItRetriedAndWhichItLeftAlone() throws Exception {
    UUID failed = job(JobState.FAILED);
    UUID complete = job(JobState.COMPLETE);
    UUID missing = UUID.randomUUID();

    CliRun r = run("retry", failed.toString(), complete.toString(), missing.toString());

    assertEquals(0, r.status(), r.err());
    assertEquals(
        "retried 1 job(s)\n"
            + "left alone "
            + complete
            + ": it is COMPLETE, not FAILED or CANCELLED\n"
            + "left alone "
            + missing
            + ": no such job\n",
        r.out());
    assertEquals(JobState.READY, StoredJobs.state(db.sql, failed));
  }

  @Test
  void retryOfAFilterFromAStepRetriesEveryMatchingJobFromThatStep() throws Exception {
    UUID a = job(JobState.FAILED);
    UUID b = job(JobState.FAILED);
    job(JobState.COMPLETE);

    CliRun r = run("retry", "--state", "FAILED", "--name", "import_cats", "--from-step", "0");

    assertEquals(0, r.status(), r.err());
    assertEquals("retried 2 job(s)\n", r.out());
    assertEquals(0, StoredJobs.row(db.sql, a).nextStep());
    assertEquals(0, StoredJobs.row(db.sql, b).nextStep());
  }

  @Test
  void cancelPrintsTheWaitingJobsItCancelledAndTheRunningOnesItAskedToStop() throws Exception {
    UUID ready = job(JobState.READY);
    UUID running = job(JobState.PROCESSING);

    CliRun r = run("cancel", ready.toString(), running.toString());

    assertEquals(0, r.status(), r.err());
    assertEquals(
        "cancelled 1 job(s)\n"
            + "asked 1 running job(s) to stop: they end CANCELLED once their worker stops the"
            + " step\n",
        r.out());
    assertEquals(JobState.CANCELLED, StoredJobs.state(db.sql, ready));
  }

  @Test
  void deleteAndRunNowPrintWhatTheyChanged() throws Exception {
    UUID failed = job(JobState.FAILED);
    UUID later =
        TestJobBuilder.named("import_cats")
            .queue("other")
            .runAfter(java.time.Duration.ofDays(1))
            .enqueue(db.sql);

    CliRun deleted = run("delete", "--state", "FAILED");
    CliRun runNow = run("run-now", "--queue", "other");

    assertEquals("deleted 1 job(s)\n", deleted.out());
    assertEquals(0, StoredJobs.count(db.sql, "id = '" + failed + "'"));
    assertEquals("made runnable now 1 job(s)\n", runNow.out());
    assertEquals(false, StoredJobs.row(db.sql, later).runAfterInFuture());
  }

  @Test
  void badInputExitsTwoWithOneLineAndWritesNothing() throws Exception {
    UUID failed = job(JobState.FAILED);

    assertTrue(
        run("retry", "not-a-uuid").assertBadInput().err().contains("'not-a-uuid' is not a job id"));
    assertTrue(run("cancel").assertBadInput().err().contains("give their ids, or a filter"));
    assertTrue(
        run("delete", "--state", "FAILD")
            .assertBadInput()
            .err()
            .contains("'FAILD' is not a state"));
    assertTrue(
        run("retry", "--state", "COMPLETE")
            .assertBadInput()
            .err()
            .contains("retry takes FAILED or CANCELLED jobs; COMPLETE is not one"));
    assertTrue(
        run("retry", failed.toString(), "--from-step", "2")
            .assertBadInput()
            .err()
            .contains("job 'import_cats' has 2 steps (indexes 0 to 1)"));
    run("run-now", failed.toString(), "--queue", "default").assertBadInput();
    run("retry", "--from-step", "-1", "--state", "FAILED").assertBadInput();

    StoredJobs.Row row = StoredJobs.row(db.sql, failed);
    assertEquals(JobState.FAILED, row.state());
    assertEquals(1, row.nextStep());
  }

  @Test
  void aWorkersStepTimeoutMustBeADuration() {
    assertTrue(
        run("worker", "--step-timeout", "soon")
            .assertBadInput()
            .err()
            .contains("--step-timeout 'soon' is not a duration"));
    assertTrue(
        run("worker", "--step-timeout", "0s")
            .assertBadInput()
            .err()
            .contains("--step-timeout must be positive, was 0s"));
    run("worker", "--step-timeout", "1.5s").assertBadInput();
    run("worker", "--step-timeout", "400000d").assertBadInput();
  }
}
