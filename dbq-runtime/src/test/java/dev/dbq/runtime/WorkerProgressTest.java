package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.dbq.runtime.internal.store.Claim;
import dev.dbq.runtime.internal.store.StepOutcome;
import dev.dbq.runtime.internal.worker.RateLimiterTest.ManualClock;
import dev.dbq.runtime.internal.worker.WorkerProgress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The worker command's progress line: what it counts, its rate, and silence while idle. */
class WorkerProgressTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();
  private final ManualClock clock = new ManualClock();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final WorkerProgress progress = new WorkerProgress(clock, inFlight::get);

  @Test
  void countsTheStepsAWorkerSavedWithItsFailuresAndRetries() throws Exception {
    JobDefinition ok =
        JobDefinition.builder("ok").step("a", call -> null).step("b", call -> null).build();
    JobDefinition broken =
        JobDefinition.builder("broken")
            .step(
                "only",
                call -> {
                  throw new IllegalStateException("boom");
                })
            .build();
    JobDefinition flaky =
        JobDefinition.builder("flaky")
            .maxAttempts(2)
            .step(
                "only",
                call -> {
                  throw new IllegalStateException("not yet");
                })
            .build();
    TestJobBuilder.named("ok").enqueue(db.sql);
    TestJobBuilder.named("broken").enqueue(db.sql);
    UUID retried = TestJobBuilder.named("flaky").enqueue(db.sql);
    DbqWorker worker =
        DbqWorker.builder()
            .dbq(db.dbq())
            .catalog(JobCatalog.of(ok, broken, flaky))
            .events(progress)
            .build();

    assertEquals(4, worker.runUntilEmpty());
    clock.advance(Duration.ofSeconds(10));

    assertEquals(JobState.READY, StoredJobs.state(db.sql, retried));
    assertEquals(
        "progress: 4 steps done (+4 in 10 s, 0.4/s), 1 job failed, 1 step retried, 0 in flight",
        progress.report());
  }

  @Test
  void theRateIsOverTheIntervalSinceTheLastLine() {
    saved(30, new StepOutcome.Succeeded("{}", 1, JobState.READY));
    inFlight.set(8);
    clock.advance(Duration.ofSeconds(10));
    assertEquals(
        "progress: 30 steps done (+30 in 10 s, 3.0/s), 0 jobs failed, 0 steps retried, 8 in flight",
        progress.report());

    saved(5, new StepOutcome.Succeeded("{}", 1, JobState.COMPLETE));
    saved(1, new StepOutcome.Failed(null, "boom"));
    clock.advance(Duration.ofMillis(2500));
    assertEquals(
        "progress: 36 steps done (+6 in 2.5 s, 2.4/s), 1 job failed, 0 steps retried, 8 in flight",
        progress.report());
  }

  @Test
  void anIdleWorkerPrintsNothingAndAStuckOneStillShowsWhatItHolds() {
    clock.advance(Duration.ofSeconds(10));
    assertNull(progress.report(), "nothing happened, nothing held");

    inFlight.set(2);
    clock.advance(Duration.ofSeconds(10));
    assertEquals(
        "progress: 0 steps done (+0 in 10 s, 0.0/s), 0 jobs failed, 0 steps retried, 2 in flight",
        progress.report());

    inFlight.set(0);
    clock.advance(Duration.ofSeconds(10));
    assertNull(progress.report());
  }

  private void saved(int times, StepOutcome outcome) {
    Claim claim =
        new Claim(UUID.randomUUID(), "ok", "default", 0, 1, 0, "{}", 1, UUID.randomUUID());
    for (int i = 0; i < times; i++) {
      progress.stepSaved(claim, outcome);
    }
  }
}
