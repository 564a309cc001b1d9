package dev.dbq.runtime.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/** What every scenario asserts once the queue has drained. */
final class Outcome {
  private Outcome() {}

  /**
   * Every job completed, none failed or is still held, every step ran at least once, and steps ran
   * again at most {@code repeatBound} times (the steps in flight when the faults hit).
   *
   * @return the final counts
   */
  static ChaosDatabase.Counts assertNothingLost(ChaosDatabase db, long jobs, long repeatBound)
      throws SQLException {
    ChaosDatabase.Counts counts = db.counts();
    assertEquals(jobs, counts.jobs(), "jobs");
    assertEquals(0, counts.failed(), "failed jobs");
    assertEquals(0, counts.held(), "jobs still PROCESSING or STOPPING");
    assertEquals(jobs, counts.complete(), "complete jobs");
    assertEquals(2 * jobs, counts.distinctSteps(), "steps that ran at least once");
    assertEquals(0, db.jobsWithAStepNeverRun(), "jobs with a step that never ran");
    assertTrue(
        counts.repeats() <= repeatBound,
        counts.repeats()
            + " repeated steps, more than the "
            + repeatBound
            + " in flight at faults");
    return counts;
  }

  /** The workers that were not killed on purpose are still running, and none lost a thread. */
  static void assertWorkersSurvived(List<WorkerProcess> workers) throws IOException {
    for (WorkerProcess w : workers) {
      assertTrue(w.isAlive(), "worker " + w.name() + " is still running");
      assertTrue(!w.logShowsADeadThread(), "worker " + w.name() + " lost a thread to an exception");
    }
  }
}
