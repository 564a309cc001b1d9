package dev.dbq.runtime.chaos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.Await;
import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1: three worker processes drain 5,000 two-step jobs while one of them, chosen at random,
 * is killed with SIGKILL and replaced, two seconds after the last kill's jobs were rescued. A
 * killed worker hands nothing back: its leases (5 s) lapse and the survivors rescue its jobs.
 */
@Tag("chaos")
class SigkillChaosTest {
  private static final int JOBS = 5_000;
  private static final int CONCURRENCY = 4;
  // short, so rescues come quickly; long enough that a survivor stalled on a loaded machine for a
  // second or two still renews in time (a lapse of its lease would repeat a step nobody killed)
  private static final Duration LEASE = Duration.ofSeconds(5);
  private static final int KILLS = 5;
  // a step that takes a few milliseconds, so that a kill usually finds steps in flight; 20 ms so
  // that the drain outlasts the two kills the test needs (with the adaptive default prefetch,
  // 5 ms steps drained the 10,000 steps in under 10 s, before a second kill's turn)
  private static final long STEP_MILLIS = 20;
  // rescue runs every lease/3 in every worker: a dead worker's jobs are back within lease +
  // lease/3; the margin absorbs a loaded CI machine
  private static final Duration RESCUE_BOUND = LEASE.plus(LEASE.dividedBy(3)).plusSeconds(5);

  @Test
  void killedWorkersLoseNothingAndRepeatAtMostTheirStepsInFlight() throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      ChaosDatabase db = new ChaosDatabase(database.url());
      db.enqueue(JOBS);
      List<WorkerProcess> workers = new ArrayList<>();
      long start = System.nanoTime();
      try {
        for (int i = 0; i < 3; i++) {
          workers.add(worker(db, "sigkill-" + i));
        }
        Await.untilThroughFailures(
            "the first steps", () -> db.runsOrMinusOne() > 0, Duration.ofSeconds(60));

        int kills = 0;
        Duration worstRescue = Duration.ZERO;
        long heldAtKills = 0;
        while (kills < KILLS && !db.counts().drained()) {
          FaultPacing.pause(Duration.ofSeconds(2));
          int victim = ThreadLocalRandom.current().nextInt(workers.size());
          WorkerProcess dead = workers.get(victim);
          dead.kill();
          kills++;
          // what the dead worker held is exactly what may run twice; read before any rescue can
          // happen (a lease lasts seconds)
          heldAtKills += db.heldBy(dead.pid());
          workers.set(victim, worker(db, "sigkill-" + (2 + kills)));
          Duration rescue =
              Await.untilThroughFailures(
                  "the jobs of killed worker " + dead.pid() + " to be rescued",
                  () -> db.heldBy(dead.pid()) == 0,
                  RESCUE_BOUND);
          worstRescue = worstRescue.compareTo(rescue) < 0 ? rescue : worstRescue;
        }
        Await.untilThroughFailures(
            "the queue to drain", () -> db.counts().drained(), Duration.ofSeconds(120));
        Duration drain = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(kills >= 2, "only " + kills + " kill(s) before the queue drained");
        Outcome.assertWorkersSurvived(workers);
        // a worker holds its running steps plus finished ones whose batched save has not yet
        // committed (at most one completion batch); the repeat bound below stays exact
        assertTrue(
            heldAtKills <= (long) kills * (CONCURRENCY + DbqWorker.DEFAULT_COMPLETION_BATCH_SIZE),
            "a worker held more than its slots and one completion batch");
        ChaosDatabase.Counts counts = Outcome.assertNothingLost(db, JOBS, heldAtKills);
        new ChaosReport(
                "1 SIGKILL one of 3 workers",
                JOBS,
                counts.runs(),
                kills + " SIGKILLs, " + heldAtKills + " jobs held by the killed workers",
                counts.repeats(),
                heldAtKills,
                drain,
                worstRescue)
            .write();
      } finally {
        for (WorkerProcess w : workers) {
          w.close();
        }
      }
    }
  }

  private static WorkerProcess worker(ChaosDatabase db, String name) throws Exception {
    return WorkerProcess.start(
        name,
        db.url(),
        STEP_MILLIS,
        "--concurrency",
        Integer.toString(CONCURRENCY),
        "--lease",
        Long.toString(LEASE.toSeconds()));
  }
}
