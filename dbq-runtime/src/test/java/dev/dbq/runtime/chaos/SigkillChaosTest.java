package dev.dbq.runtime.chaos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1: three worker processes drain 5,000 two-step jobs while one of them, chosen at random,
 * is killed with SIGKILL every two seconds and replaced. A killed worker hands nothing back: its
 * leases (2 s) lapse and the survivors rescue its jobs.
 */
class SigkillChaosTest {
  private static final int JOBS = 5_000;
  private static final int CONCURRENCY = 4;
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final int KILLS = 5;
  // rescue runs every lease/3 in every worker: a dead worker's jobs are back within lease + lease/3;
  // the margin absorbs a loaded CI machine
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
        Bounded.await("the first steps", () -> db.runsOrMinusOne() > 0, Duration.ofSeconds(60));

        int kills = 0;
        Duration worstRescue = Duration.ZERO;
        while (kills < KILLS && !db.counts().drained()) {
          Bounded.pace(Duration.ofSeconds(2));
          int victim = ThreadLocalRandom.current().nextInt(workers.size());
          WorkerProcess dead = workers.get(victim);
          dead.kill();
          kills++;
          workers.set(victim, worker(db, "sigkill-" + (2 + kills)));
          Duration rescue =
              Bounded.await(
                  "the jobs of killed worker " + dead.pid() + " to be rescued",
                  () -> db.heldBy(dead.pid()) == 0,
                  RESCUE_BOUND);
          worstRescue = worstRescue.compareTo(rescue) < 0 ? rescue : worstRescue;
        }
        Bounded.await("the queue to drain", () -> db.counts().drained(), Duration.ofSeconds(120));
        Duration drain = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(kills >= 2, "only " + kills + " kill(s) before the queue drained");
        ChaosDatabase.Counts counts = Outcome.assertNothingLost(db, JOBS, (long) kills * CONCURRENCY);
        new ChaosReport(
                "1 SIGKILL one of 3 workers",
                JOBS,
                counts.runs(),
                kills + " SIGKILLs",
                counts.repeats(),
                (long) kills * CONCURRENCY,
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
        0,
        "--concurrency",
        Integer.toString(CONCURRENCY),
        "--lease",
        Long.toString(LEASE.toSeconds()));
  }
}
