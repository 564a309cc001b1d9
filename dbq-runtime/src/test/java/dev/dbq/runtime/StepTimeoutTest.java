package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Step timeouts: a step past its timeout (its own, or the worker's default) is interrupted and
 * fails that attempt, retried while attempts remain, with the timeout in {@code last_error}.
 */
class StepTimeoutTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();

  /** Sleeps until interrupted (a bound of minutes stands for forever). */
  private static final JobMethod SLEEP =
      call -> {
        Thread.sleep(Duration.ofMinutes(5).toMillis());
        return null;
      };

  @Test
  void aStepPastTheWorkersTimeoutIsInterruptedAndFailsWithTheTimeoutInLastError() throws Exception {
    AtomicReference<Throwable> seen = new AtomicReference<>();
    JobDefinition job =
        JobDefinition.builder("slow")
            .step("sleep", SLEEP)
            .failureHook(
                call -> {
                  seen.set(call.failure());
                  return null;
                })
            .build();
    UUID id = TestJobBuilder.named("slow").queue("default").enqueue(db.sql);

    DbqWorker.builder()
        .dbq(db.dbq())
        .catalog(JobCatalog.of(job))
        .stepTimeout(Duration.ofMillis(200))
        .build()
        .runUntilEmpty();

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.FAILED, row.state());
    assertEquals(
        "step 'sleep' (1 of 1) timed out after 200ms and was interrupted", row.lastError());
    assertInstanceOf(TimeoutException.class, seen.get());
    assertInstanceOf(InterruptedException.class, seen.get().getCause());
  }

  @Test
  void aTimedOutAttemptIsRetriedWhileAttemptsRemain() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    JobDefinition job =
        JobDefinition.builder("flaky")
            .maxAttempts(2)
            .step(
                "sleep once",
                call -> {
                  if (attempts.incrementAndGet() == 1) {
                    return SLEEP.call(call);
                  }
                  return null;
                })
            .build();
    UUID id = TestJobBuilder.named("flaky").queue("default").enqueue(db.sql);

    try (DbqWorker worker =
        DbqWorker.builder()
            .dbq(db.dbq())
            .catalog(JobCatalog.of(job))
            .stepTimeout(Duration.ofMillis(200))
            .retryBackoff(Duration.ofMillis(1))
            .pollInterval(Duration.ofMillis(50))
            .build()) {
      worker.start();
      Await.until(
          "the job completes",
          () -> StoredJobs.state(db.sql, id) == JobState.COMPLETE,
          Duration.ofSeconds(30));
    }
    assertEquals(2, attempts.get());
    assertEquals(
        "step 'sleep once' (1 of 1) timed out after 200ms and was interrupted",
        StoredJobs.row(db.sql, id).lastError());
  }

  @Test
  void aStepsOwnTimeoutOverridesTheWorkersDefault() throws Exception {
    JobDefinition job =
        JobDefinition.builder("own").step("sleep", SLEEP, Duration.ofMillis(150)).build();
    UUID id = TestJobBuilder.named("own").queue("default").enqueue(db.sql);

    DbqWorker.builder()
        .dbq(db.dbq())
        .catalog(JobCatalog.of(job))
        .stepTimeout(Duration.ofHours(1))
        .build()
        .runUntilEmpty();

    assertEquals(
        "step 'sleep' (1 of 1) timed out after 150ms and was interrupted",
        StoredJobs.row(db.sql, id).lastError());
  }

  @Test
  void aStepThatSwallowsTheInterruptAndReturnsLateStillFailsItsAttempt() throws Exception {
    JobDefinition job =
        JobDefinition.builder("deaf")
            .step(
                "swallow",
                call -> {
                  try {
                    Thread.sleep(Duration.ofMinutes(5).toMillis());
                  } catch (InterruptedException ignored) {
                    // a step that carries on regardless
                  }
                  call.context().workspace().put("late", true);
                  return null;
                })
            .build();
    UUID id = TestJobBuilder.named("deaf").queue("default").enqueue(db.sql);

    DbqWorker.builder()
        .dbq(db.dbq())
        .catalog(JobCatalog.of(job))
        .stepTimeout(Duration.ofMillis(100))
        .build()
        .runUntilEmpty();

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.FAILED, row.state());
    assertEquals(
        "step 'swallow' (1 of 1) timed out after 100ms and was interrupted", row.lastError());
  }

  @Test
  void stepTimeoutsMustBePositive() {
    DbqWorker.Builder worker =
        DbqWorker.builder()
            .dbq(db.dbq())
            .catalog(JobCatalog.of(JobDefinition.builder("x").step("s", SLEEP).build()))
            .stepTimeout(Duration.ZERO);
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, worker::build);
    assertEquals("stepTimeout must be positive, was PT0S", refused.getMessage());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> JobDefinition.builder("x").step("s", SLEEP, Duration.ofSeconds(-1)).build());
    assertEquals("timeout of step 's' must be positive, was PT-1S", e.getMessage());
  }
}
