package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.internal.WorkspaceCodec;
import dev.dbq.runtime.internal.worker.RetryBackoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** When each hook runs, what its failure does, and how failed steps are retried. */
class WorkerHooksTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  private static void drain(JobDefinition job) throws Exception {
    DbqWorker.builder().dbq(db.dbq()).catalog(JobCatalog.of(job)).build().runUntilEmpty();
  }

  private JobMethod record(String event) {
    return call -> {
      events.add(event + (call.failure() == null ? "" : "(" + call.failure().getMessage() + ")"));
      return null;
    };
  }

  private static JobMethod fail(String message) {
    return call -> {
      throw new IllegalStateException(message);
    };
  }

  private JobDefinition.Builder hooked(String name) {
    return JobDefinition.builder(name)
        .preStepHook(record("pre"))
        .postStepHook(record("post"))
        .failureHook(record("failure"));
  }

  @Test
  void successRunsPreStepHookThenStepThenPostStepHook() throws Exception {
    UUID id = TestJobBuilder.named("ok").enqueue(db.sql);

    drain(hooked("ok").step("step", record("step")).build());

    assertEquals(List.of("pre", "step", "post"), events);
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, id));
  }

  @Test
  void aThrowingStepFailsTheJobWithItsMessageAndTheFailureHookRunsBeforeThePostStepHook()
      throws Exception {
    UUID id = TestJobBuilder.named("bad").enqueue(db.sql);
    JobMethod step =
        call -> {
          events.add("step");
          throw new IllegalStateException("the cat ran away");
        };

    drain(hooked("bad").step("step", step).build());

    assertEquals(
        List.of("pre", "step", "failure(the cat ran away)", "post(the cat ran away)"), events);
    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.FAILED, row.state());
    assertEquals("the cat ran away", row.lastError());
    assertEquals(null, row.claimId());
  }

  @Test
  void theFailureHookReceivesTheExceptionTheStepThrew() throws Exception {
    RuntimeException thrown = new RuntimeException("boom");
    AtomicReference<Throwable> received = new AtomicReference<>();
    TestJobBuilder.named("bad").enqueue(db.sql);

    drain(
        JobDefinition.builder("bad")
            .step(
                "step",
                call -> {
                  throw thrown;
                })
            .failureHook(
                call -> {
                  received.set(call.failure());
                  return null;
                })
            .build());

    assertSame(thrown, received.get());
  }

  @Test
  void anExceptionWithoutMessageIsStoredAsItsClassName() throws Exception {
    UUID id = TestJobBuilder.named("bad").enqueue(db.sql);

    drain(
        JobDefinition.builder("bad")
            .step(
                "step",
                call -> {
                  throw new UnsupportedOperationException();
                })
            .build());

    assertEquals("java.lang.UnsupportedOperationException", StoredJobs.row(db.sql, id).lastError());
  }

  @Test
  void aThrowingPreStepHookFailsTheJobBeforeItsStep() throws Exception {
    UUID id = TestJobBuilder.named("pre_fails").enqueue(db.sql);

    drain(
        JobDefinition.builder("pre_fails")
            .preStepHook(fail("not ready"))
            .step("step", record("step"))
            .failureHook(record("failure"))
            .postStepHook(record("post"))
            .build());

    assertEquals(List.of("failure(not ready)", "post(not ready)"), events);
    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.FAILED, row.state());
    assertEquals("not ready", row.lastError());
  }

  @Test
  void aThrowingPostStepHookChangesNothing() throws Exception {
    UUID ok = TestJobBuilder.named("two_steps").enqueue(db.sql);

    drain(
        JobDefinition.builder("two_steps")
            .step(
                "one",
                call -> {
                  call.context().workspace().put("one", true);
                  return null;
                })
            .step("two", record("two"))
            .postStepHook(
                call -> {
                  call.context().workspace().put("post", true);
                  throw new IllegalStateException("post hook broke");
                })
            .build());

    StoredJobs.Row row = StoredJobs.row(db.sql, ok);
    assertEquals(JobState.COMPLETE, row.state());
    assertEquals(List.of("two"), events);
    assertEquals(null, row.lastError());
    assertEquals(
        WorkspaceCodec.mapper().readTree("{\"one\":true}"),
        WorkspaceCodec.mapper().readTree(row.workspace()));
  }

  @Test
  void aThrowingPostStepHookAfterAFailureKeepsTheStepsError() throws Exception {
    UUID id = TestJobBuilder.named("bad").enqueue(db.sql);

    drain(
        JobDefinition.builder("bad")
            .step("step", fail("step error"))
            .failureHook(record("failure"))
            .postStepHook(fail("post error"))
            .build());

    assertEquals(List.of("failure(step error)"), events);
    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.FAILED, row.state());
    assertEquals("step error", row.lastError());
  }

  @Test
  void aThrowingFailureHookChangesNothingAndThePostStepHookStillRuns() throws Exception {
    UUID id = TestJobBuilder.named("bad").enqueue(db.sql);

    drain(
        JobDefinition.builder("bad")
            .step("step", fail("step error"))
            .failureHook(fail("failure hook error"))
            .postStepHook(record("post"))
            .build());

    assertEquals(List.of("post(step error)"), events);
    assertEquals("step error", StoredJobs.row(db.sql, id).lastError());
  }

  @Test
  void aFailedStepWithAttemptsLeftIsRetriedAfterABackoffAndTheFailureHookRunsOnlyAtTheEnd()
      throws Exception {
    List<Integer> attempts = Collections.synchronizedList(new ArrayList<>());
    JobDefinition job =
        JobDefinition.builder("flaky")
            .maxAttempts(3)
            .step(
                "step",
                call -> {
                  attempts.add(call.context().attempt());
                  throw new IllegalStateException("attempt " + call.context().attempt());
                })
            .failureHook(record("failure"))
            .build();
    UUID id = TestJobBuilder.named("flaky").enqueue(db.sql);

    for (int attempt = 1; attempt <= 2; attempt++) {
      drain(job);
      StoredJobs.Row row = StoredJobs.row(db.sql, id);
      assertEquals(JobState.READY, row.state());
      assertEquals(attempt, row.attempt());
      assertEquals("attempt " + attempt, row.lastError());
      assertTrue(row.runAfterInFuture(), "backoff puts run_after in the future");
      assertEquals(List.of(), events);
      StoredJobs.execute(db.sql, "UPDATE dbq_job SET run_after = now() - interval '1 hour'");
    }
    drain(job);

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.FAILED, row.state());
    assertEquals(3, row.attempt());
    assertEquals("attempt 3", row.lastError());
    assertEquals(List.of(1, 2, 3), attempts);
    assertEquals(List.of("failure(attempt 3)"), events);
  }

  @Test
  void aRetriedStepThatSucceedsMovesOnWithTheAttemptReset() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    JobDefinition job =
        JobDefinition.builder("recovers")
            .maxAttempts(2)
            .step(
                "first",
                call -> {
                  if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("transient");
                  }
                  return null;
                })
            .step("second", record("second"))
            .build();
    UUID id = TestJobBuilder.named("recovers").enqueue(db.sql);

    drain(job);
    StoredJobs.execute(db.sql, "UPDATE dbq_job SET run_after = now() - interval '1 hour'");
    drain(job);

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.COMPLETE, row.state());
    assertEquals(0, row.attempt());
    assertEquals(List.of("second"), events);
  }

  @Test
  void backoffGrowsWithTheAttemptAndStaysUnderTheCap() {
    RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(1));
    for (int i = 0; i < 50; i++) {
      long first = backoff.after(1).toMillis();
      long third = backoff.after(3).toMillis();
      long late = backoff.after(40).toMillis();
      assertTrue(first >= 5_000 && first <= 10_000, "first " + first);
      assertTrue(third >= 20_000 && third <= 40_000, "third " + third);
      assertTrue(late >= 30_000 && late <= 60_000, "late " + late);
    }
  }
}
