package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Dbq#findJob(UUID)} reads the job with every run of its steps. */
class FindJobHistoryTest {
  private static final JobDefinition IMPORT =
      JobDefinition.builder("import")
          .step("fetch", Invocation::workspace)
          .step("store", Invocation::workspace)
          .build();

  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  @Test
  void findJobReturnsTheRunsOfEachStepOldestFirstGroupedByStep() {
    UUID id = TestJobBuilder.of(IMPORT).enqueue(db.dbq);
    UUID other = TestJobBuilder.of(IMPORT).enqueue(db.dbq);
    StepRunRows.insert(db.sql, id, 0, "fetch", 1, "SUCCEEDED", null, null);
    StepRunRows.insert(db.sql, other, 0, "fetch", 1, "FAILED", "not mine", null);
    StepRunRows.insert(
        db.sql,
        id,
        1,
        "store",
        1,
        "RETRIED",
        "disk full",
        "java.io.IOException: disk full\n\tat x");
    StepRunRows.insert(db.sql, id, 1, null, 2, "LOST", null, null);
    StepRunRows.insert(db.sql, id, 1, "store", 3, "SUCCEEDED", null, null);
    db.sql.execute("UPDATE dbq_job SET state = 'COMPLETE', next_step = 2 WHERE id = '" + id + "'");

    JobInfo job = db.dbq.findJob(id).orElseThrow();

    assertEquals(JobState.COMPLETE, job.state());
    assertEquals(4, job.history().size());
    assertEquals(
        List.of(
            StepRun.Outcome.SUCCEEDED,
            StepRun.Outcome.RETRIED,
            StepRun.Outcome.LOST,
            StepRun.Outcome.SUCCEEDED),
        job.history().stream().map(StepRun::outcome).toList());
    List<StepHistory> steps = job.steps();
    assertEquals(2, steps.size());
    assertEquals(0, steps.get(0).index());
    assertEquals("fetch", steps.get(0).name());
    assertEquals(1, steps.get(0).runs().size());
    assertEquals(1, steps.get(1).index());
    assertEquals("store", steps.get(1).name(), "a run without a name takes the step's");
    assertEquals(List.of(1, 2, 3), steps.get(1).runs().stream().map(StepRun::attempt).toList());
    assertEquals(3, steps.get(1).lastRun().attempt());

    StepRun retried = steps.get(1).runs().get(0);
    assertEquals("store", retried.stepName());
    assertEquals("worker-1", retried.worker());
    assertEquals("disk full", retried.error());
    assertEquals("java.io.IOException: disk full\n\tat x", retried.stackTrace());
    assertEquals(Duration.ofMillis(1250), retried.duration());
    assertTrue(!retried.started().isAfter(retried.ended()));
    StepRun lost = steps.get(1).runs().get(1);
    assertNull(lost.stepName());
    assertNull(lost.error());
  }

  @Test
  void aJobThatNeverRanHasNoHistory() {
    UUID id = TestJobBuilder.of(IMPORT).enqueue(db.dbq);

    JobInfo job = db.dbq.findJob(id).orElseThrow();

    assertEquals(List.of(), job.history());
    assertEquals(List.of(), job.steps());
  }

  @Test
  void theConstructorOfEarlierVersionsStillBuildsAJobWithoutHistory() {
    Instant now = Instant.now();
    JobInfo job =
        new JobInfo(
            UUID.randomUUID(),
            "import",
            "default",
            0,
            JobState.NEW,
            0,
            "{}",
            now,
            now,
            null,
            0,
            null);

    assertEquals(List.of(), job.history());
  }

  @Test
  void deletingAJobDeletesItsHistory() {
    UUID id = TestJobBuilder.of(IMPORT).enqueue(db.dbq);
    StepRunRows.insert(db.sql, id, 0, "fetch", 1, "SUCCEEDED", null, null);

    db.sql.execute("DELETE FROM dbq_job WHERE id = '" + id + "'");

    assertEquals(0, db.sql.count("SELECT count(*) FROM dbq_step_run WHERE job_id = '" + id + "'"));
    assertTrue(db.dbq.findJob(id).isEmpty());
  }
}
