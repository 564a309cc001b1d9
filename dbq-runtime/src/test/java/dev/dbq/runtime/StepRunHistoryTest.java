package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.internal.store.Claim;
import dev.dbq.runtime.internal.store.JobStore;
import dev.dbq.runtime.internal.store.StepOutcome;
import dev.dbq.runtime.internal.store.StepRun;
import dev.dbq.runtime.internal.store.StepRunOutcome;
import dev.dbq.runtime.internal.store.WorkerStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every run of a step leaves one {@code dbq_step_run} row, written by the statement that ended the
 * run (save, rescue, hand-back), with the facts the migration documents; a statement its fence
 * refuses writes none, and a claim whose step never started has none.
 */
class StepRunHistoryTest {
  private static final Duration BOUND = Duration.ofSeconds(30);
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase(8);

  private static List<StepRun> history(UUID job) throws SQLException {
    return JobStore.stepRuns(db.sql, job);
  }

  private static long historyRows() throws SQLException {
    return Long.parseLong(value("SELECT count(*) FROM dbq_step_run"));
  }

  private static String value(String query) throws SQLException {
    try (var s = db.sql.createStatement();
        var rs = s.executeQuery(query)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static Instant instant(String query) throws SQLException {
    try (var s = db.sql.createStatement();
        var rs = s.executeQuery(query)) {
      rs.next();
      return rs.getObject(1, OffsetDateTime.class).toInstant();
    }
  }

  private static DbqWorker.Builder worker(String id, JobDefinition... jobs) {
    return DbqWorker.builder().dbq(db.dbq()).catalog(JobCatalog.of(jobs)).workerId(id);
  }

  /** The step's own work for at least {@code millis}: what its recorded duration must cover. */
  private static void work(long millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() - end < 0) {
      LockSupport.parkNanos(end - System.nanoTime());
    }
  }

  @Test
  void eachSucceededStepWritesOneRowWithItsNameAttemptWorkerAndDatabaseTimes() throws Exception {
    JobDefinition job =
        JobDefinition.builder("two_steps")
            .step(
                "fetch",
                call -> {
                  work(30);
                  return null;
                })
            .step("store", call -> null)
            .build();
    UUID id = TestJobBuilder.named("two_steps").enqueue(db.sql);
    Instant created = instant("SELECT created FROM dbq_job WHERE id = '" + id + "'");

    worker("w-1", job).build().runUntilEmpty();

    List<StepRun> runs = history(id);
    assertEquals(2, runs.size(), runs.toString());
    StepRun fetch = runs.get(0);
    StepRun store = runs.get(1);
    assertEquals(id, fetch.jobId());
    assertEquals(0, fetch.stepIndex());
    assertEquals("fetch", fetch.stepName());
    assertEquals(1, store.stepIndex());
    assertEquals("store", store.stepName());
    for (StepRun run : runs) {
      assertEquals(1, run.attempt());
      assertEquals("w-1", run.worker());
      assertEquals(StepRunOutcome.SUCCEEDED, run.outcome());
      assertNull(run.error());
      assertNull(run.stackTrace());
      assertEquals(Duration.between(run.started(), run.ended()), run.duration());
      assertFalse(run.started().isAfter(run.ended()), run.toString());
    }
    assertTrue(fetch.duration().compareTo(Duration.ofMillis(30)) >= 0, fetch.toString());
    // one database clock: the job existed before its first run, the second step ran after the
    // first was saved, and the last save changed the row after the last run ended
    assertFalse(fetch.started().isBefore(created), fetch + " vs created " + created);
    assertFalse(store.started().isBefore(fetch.ended()), runs.toString());
    Instant modified = instant("SELECT modified FROM dbq_job WHERE id = '" + id + "'");
    assertFalse(store.ended().isAfter(modified), store + " vs modified " + modified);
  }

  @Test
  void aRetriedThenSucceededStepHasTwoRowsTheFirstWithTheErrorAndItsStackTrace() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    JobDefinition job =
        JobDefinition.builder("flaky")
            .maxAttempts(2)
            .step(
                "call",
                call -> {
                  if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("upstream said 503");
                  }
                  return null;
                })
            .build();
    UUID id = TestJobBuilder.named("flaky").enqueue(db.sql);
    DbqWorker worker =
        worker("w-retry", job)
            .retryBackoff(Duration.ofMillis(1))
            .pollInterval(Duration.ofMillis(50))
            .build();
    worker.start();
    try {
      Await.until(
          "the job completes", () -> StoredJobs.state(db.sql, id) == JobState.COMPLETE, BOUND);
    } finally {
      worker.close();
    }

    List<StepRun> runs = history(id);
    assertEquals(2, runs.size(), runs.toString());
    StepRun retried = runs.get(0);
    assertEquals(StepRunOutcome.RETRIED, retried.outcome());
    assertEquals(1, retried.attempt());
    assertEquals("call", retried.stepName());
    assertEquals("upstream said 503", retried.error());
    assertTrue(
        retried.stackTrace().startsWith("java.lang.IllegalStateException: upstream said 503"),
        retried.stackTrace());
    assertTrue(retried.stackTrace().contains("\tat "), retried.stackTrace());
    StepRun succeeded = runs.get(1);
    assertEquals(StepRunOutcome.SUCCEEDED, succeeded.outcome());
    assertEquals(2, succeeded.attempt());
    assertNull(succeeded.error());
    assertFalse(succeeded.started().isBefore(retried.ended()), runs.toString());
  }

  @Test
  void aFailedStepWritesFailedWithTheLastErrorAndTheTraceOfItsCauses() throws Exception {
    JobDefinition job =
        JobDefinition.builder("doomed")
            .step(
                "parse",
                call -> {
                  throw new IllegalArgumentException(
                      "row 7 is malformed", new NumberFormatException("For input string: \"x\""));
                })
            .build();
    UUID id = TestJobBuilder.named("doomed").enqueue(db.sql);

    worker("w-fail", job).build().runUntilEmpty();

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.FAILED, row.state());
    List<StepRun> runs = history(id);
    assertEquals(1, runs.size(), runs.toString());
    StepRun failed = runs.get(0);
    assertEquals(StepRunOutcome.FAILED, failed.outcome());
    assertEquals(row.lastError(), failed.error());
    assertTrue(
        failed.stackTrace().contains("Caused by: java.lang.NumberFormatException"),
        failed.stackTrace());
  }

  @Test
  void aJobFailedUnrunByTheLostRunBoundWritesFailedWithoutATrace() throws Exception {
    JobDefinition job = JobDefinition.builder("pill").step("swallow", call -> null).build();
    UUID id = TestJobBuilder.named("pill").enqueue(db.sql);
    StoredJobs.execute(
        db.sql,
        "UPDATE dbq_job SET state = 'READY', attempt = "
            + (1 + DbqWorker.MAX_LOST_RUNS)
            + " WHERE id = '"
            + id
            + "'");

    worker("w-pill", job).build().runUntilEmpty();

    List<StepRun> runs = history(id);
    assertEquals(1, runs.size(), runs.toString());
    assertEquals(StepRunOutcome.FAILED, runs.get(0).outcome());
    assertEquals(DbqWorker.MAX_LOST_RUNS + 2, runs.get(0).attempt());
    assertEquals("swallow", runs.get(0).stepName());
    assertEquals(StoredJobs.row(db.sql, id).lastError(), runs.get(0).error());
    assertNull(runs.get(0).stackTrace());
  }

  @Test
  void aSaveRefusedByItsClaimFenceWritesNoRowWhileTheOthersOfItsBatchDo() throws Exception {
    JobDefinition job = JobDefinition.builder("fenced").step("only", call -> null).build();
    UUID lost = TestJobBuilder.named("fenced").enqueue(db.sql);
    UUID kept = TestJobBuilder.named("fenced").enqueue(db.sql);
    WorkerStore store = store("w-fenced", job);
    List<Claim> claims = store.claim(List.of("default"), List.of("fenced"), 2);
    assertEquals(2, claims.size());
    // the first claim lapsed and another worker claimed the job meanwhile
    StoredJobs.execute(
        db.sql,
        "UPDATE dbq_job SET claim_id = gen_random_uuid(), lock_owner = 'other' WHERE id = '"
            + lost
            + "'");

    long now = System.nanoTime();
    List<WorkerStore.Finished> batch =
        claims.stream()
            .map(
                c ->
                    new WorkerStore.Finished(
                        c, new StepOutcome.Succeeded("{}", 1, JobState.COMPLETE), "only", now, now))
            .toList();
    Set<UUID> saved = store.saveBatch(batch);

    UUID keptClaim =
        claims.stream().filter(c -> c.id().equals(kept)).findFirst().orElseThrow().claimId();
    assertEquals(Set.of(keptClaim), saved);
    assertEquals(List.of(), history(lost), "the refused save wrote no history");
    assertEquals(1, history(kept).size());
    assertEquals(JobState.PROCESSING, StoredJobs.state(db.sql, lost));
  }

  @Test
  void aClaimHandedBackBeforeItsStepStartedWritesNoRow() throws Exception {
    JobDefinition job = JobDefinition.builder("ahead").step("only", call -> null).build();
    UUID id = TestJobBuilder.named("ahead").enqueue(db.sql);
    WorkerStore store = store("w-ahead", job);
    List<Claim> claims = store.claim(List.of("default"), List.of("ahead"), 1);

    assertEquals(
        List.of(id), store.handBackUnstarted(List.of(claims.get(0).claimId()), "stopping"));

    assertEquals(0, historyRows());
    assertEquals(0, StoredJobs.row(db.sql, id).attempt(), "the attempt was given back");
  }

  @Test
  void aLapsedLeaseIsRescuedAsALostRunOfTheWorkerThatHeldIt() throws Exception {
    JobDefinition job =
        JobDefinition.builder("leased")
            .step("first", call -> null)
            .step("second", c -> null)
            .build();
    UUID known = TestJobBuilder.named("leased").enqueue(db.sql);
    UUID unknown = TestJobBuilder.named("elsewhere").enqueue(db.sql);
    StoredJobs.execute(
        db.sql,
        "UPDATE dbq_job SET state = 'PROCESSING', next_step = 1, attempt = 3,"
            + " lock_owner = 'dead-worker', claim_id = gen_random_uuid(),"
            + " modified = now() - interval '2 minutes', lease_expires = now() - interval '1 minute'");
    Instant claimed = instant("SELECT modified FROM dbq_job WHERE id = '" + known + "'");
    Instant lapsed = instant("SELECT lease_expires FROM dbq_job WHERE id = '" + known + "'");

    List<WorkerStore.Rescued> rescued = store("rescuer", job).rescueExpired();

    assertEquals(2, rescued.size());
    StepRun lost = single(history(known));
    assertEquals(StepRunOutcome.LOST, lost.outcome());
    assertEquals(1, lost.stepIndex());
    assertEquals("second", lost.stepName());
    assertEquals(3, lost.attempt());
    assertEquals("dead-worker", lost.worker());
    assertEquals(claimed, lost.started());
    assertEquals(lapsed, lost.ended());
    assertEquals(StoredJobs.row(db.sql, known).lastError(), lost.error());
    assertNull(lost.stackTrace());
    // the rescuer's catalog has no such job: the step is known by its index only
    StepRun elsewhere = single(history(unknown));
    assertEquals(StepRunOutcome.LOST, elsewhere.outcome());
    assertNull(elsewhere.stepName());

    assertEquals(List.of(), store("rescuer", job).rescueExpired(), "rescued once");
    assertEquals(2, historyRows());
  }

  @Test
  void aStepStillRunningWhenTheGracePeriodEndsIsRecordedStoppedAndItsLateSaveWritesNothing()
      throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    JobDefinition job =
        JobDefinition.builder("long")
            .step(
                "hold",
                call -> {
                  started.countDown();
                  never.await(); // until the shutdown interrupts it
                  return null;
                })
            .build();
    UUID id = TestJobBuilder.named("long").enqueue(db.sql);
    DbqWorker worker = worker("w-stop", job).shutdownGrace(Duration.ofMillis(100)).build();
    worker.start();
    assertTrue(started.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));

    worker.stop();
    assertTrue(worker.awaitTermination(BOUND));

    StepRun stopped = single(history(id));
    assertEquals(StepRunOutcome.STOPPED, stopped.outcome());
    assertEquals("hold", stopped.stepName());
    assertEquals(1, stopped.attempt());
    assertEquals("w-stop", stopped.worker());
    assertEquals(StoredJobs.row(db.sql, id).lastError(), stopped.error());
    assertTrue(stopped.error().contains("stopped before the step finished"), stopped.error());
    assertTrue(stopped.duration().compareTo(Duration.ofMillis(100)) >= 0, stopped.toString());
  }

  @Test
  void aStepThatHitsAFatalErrorIsRecordedLostAndItsNextRunSucceeded() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    JobDefinition job =
        JobDefinition.builder("heavy")
            .step(
                "load",
                call -> {
                  if (calls.incrementAndGet() == 1) {
                    throw new OutOfMemoryError("injected in the step");
                  }
                  return null;
                })
            .build();
    UUID id = TestJobBuilder.named("heavy").enqueue(db.sql);
    DbqWorker worker = worker("w-oom", job).build();
    try {
      worker.runUntilEmpty();
    } finally {
      worker.close();
    }

    List<StepRun> runs = history(id);
    assertEquals(2, runs.size(), runs.toString());
    assertEquals(StepRunOutcome.LOST, runs.get(0).outcome());
    assertEquals(1, runs.get(0).attempt());
    assertEquals("load", runs.get(0).stepName());
    assertTrue(runs.get(0).error().contains("OutOfMemoryError"), runs.get(0).error());
    assertEquals(StepRunOutcome.SUCCEEDED, runs.get(1).outcome());
    assertEquals(2, runs.get(1).attempt());
  }

  @Test
  void deletingOldJobsDeletesTheirHistoryAndKeepsTheHistoryOfTheOthers() throws Exception {
    JobDefinition job = JobDefinition.builder("done").step("only", call -> null).build();
    UUID old = TestJobBuilder.named("done").enqueue(db.sql);
    UUID recent = TestJobBuilder.named("done").enqueue(db.sql);
    worker("w-done", job).build().runUntilEmpty();
    assertEquals(2, historyRows());
    StoredJobs.execute(
        db.sql, "UPDATE dbq_job SET created = now() - interval '2 days' WHERE id = '" + old + "'");

    assertEquals(1, db.dbq().deleteOldJobs(Duration.ofHours(24)));

    assertEquals(List.of(), history(old));
    assertEquals(1, history(recent).size());
  }

  @Test
  void aWorkerBuiltWithoutHistoryWritesNoRowsForItsRunsButStillRecordsTheLostRunsItRescues()
      throws Exception {
    JobDefinition job =
        JobDefinition.builder("quiet").step("a", c -> null).step("b", c -> null).build();
    UUID ran = TestJobBuilder.named("quiet").enqueue(db.sql);

    worker("w-quiet", job).recordHistory(false).build().runUntilEmpty();

    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, ran));
    assertEquals(0, historyRows());

    UUID lost = TestJobBuilder.named("quiet").enqueue(db.sql);
    StoredJobs.execute(
        db.sql,
        "UPDATE dbq_job SET state = 'PROCESSING', attempt = 1, lock_owner = 'dead-worker',"
            + " claim_id = gen_random_uuid(), lease_expires = now() - interval '1 minute'"
            + " WHERE id = '"
            + lost
            + "'");
    new WorkerStore(db.pool, "w-quiet", Duration.ofMinutes(1), JobCatalog.of(job), false)
        .rescueExpired();
    assertEquals(StepRunOutcome.LOST, single(history(lost)).outcome());
  }

  private static WorkerStore store(String workerId, JobDefinition job) {
    return new WorkerStore(db.pool, workerId, Duration.ofMinutes(1), JobCatalog.of(job), true);
  }

  private static StepRun single(List<StepRun> runs) {
    assertEquals(1, runs.size(), runs.toString());
    return runs.get(0);
  }
}
