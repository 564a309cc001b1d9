package dev.dbq.runtime.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbq.runtime.Await;
import dev.dbq.runtime.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 6: SIGTERM reaches a worker process while two long steps (5 s each) run. The worker
 * stops claiming, marks them STOPPING, lets them finish within its grace period (30 s), exits 0 and
 * leaves nothing PROCESSING or STOPPING; a second worker then drains the rest without repeating a
 * step. (A step outliving the grace period is handed back as READY: {@code
 * WorkerLifecycleTest.aStepStillRunningWhenTheGracePeriodEndsIsHandedBackReady}.)
 */
@Tag("chaos")
class SigtermChaosTest {
  private static final int JOBS = 4;
  // long enough that the SIGTERM surely lands while both steps run, even on a loaded machine
  private static final long FIRST_STEP_MILLIS = 5_000;
  private static final long STEP_MILLIS = 2_000;

  @Test
  void sigtermDuringLongStepsLetsThemFinishAndExitsZero() throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      ChaosDatabase db = new ChaosDatabase(database.url());
      db.enqueue(JOBS);
      long start = System.nanoTime();
      try (WorkerProcess first =
          WorkerProcess.start("sigterm-0", db.url(), FIRST_STEP_MILLIS, "--concurrency", "2")) {
        Await.untilThroughFailures(
            "two steps to be running",
            () -> db.counts().held() == 2 && db.runsOrMinusOne() == 2,
            Duration.ofSeconds(60));

        long signalled = System.nanoTime();
        first.terminate();
        assertEquals(0, first.awaitExit(60), "exit code after SIGTERM");
        Duration stop = Duration.ofNanos(System.nanoTime() - signalled);

        ChaosDatabase.Counts afterStop = db.counts();
        assertEquals(0, afterStop.held(), "jobs left PROCESSING or STOPPING");
        assertEquals(
            2,
            db.longQuery("SELECT count(*) FROM dbq_job WHERE state = 'READY' AND next_step = 1"),
            "the two steps in flight finished and were saved");

        try (WorkerProcess second =
            WorkerProcess.start(
                "sigterm-1", db.url(), STEP_MILLIS, "--concurrency", "2", "--exit-when-empty")) {
          assertEquals(0, second.awaitExit(60), "exit code of the draining worker");
        }
        Duration drain = Duration.ofNanos(System.nanoTime() - start);
        ChaosDatabase.Counts counts = Outcome.assertNothingLost(db, JOBS, 0);
        new ChaosReport(
                "6 SIGTERM during long steps",
                JOBS,
                counts.runs(),
                "1 SIGTERM with 2 steps of 5 s in flight",
                counts.repeats(),
                0,
                drain,
                stop)
            .write();
      }
    }
  }
}
