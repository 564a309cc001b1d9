package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.internal.worker.RetryBackoff;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The claim is total over every row the schema allows: a row it cannot run fails alone, with a
 * {@code last_error}, and the jobs behind it in its queue run.
 */
class ClaimTotalityTest {
  private static final JobDefinition JOB =
      JobDefinition.builder("plain").maxAttempts(3).step("run", call -> null).build();

  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();

  private static UUID row(int priority, String assignments) throws Exception {
    UUID id = TestJobBuilder.named("plain").priority(priority).enqueue(db.sql);
    StoredJobs.execute(db.sql, "UPDATE dbq_job SET " + assignments + " WHERE id = '" + id + "'");
    return id;
  }

  @Test
  void aRowAtTheLargestAttemptFailsAloneAndTheQueueBehindItRuns() throws Exception {
    UUID overflow = row(5, "state = 'READY', attempt = 2147483647");
    UUID negative = row(4, "state = 'READY', attempt = -2147483648");
    UUID pastLastStep = row(3, "state = 'READY', next_step = 2147483647");
    UUID earliest = row(2, "run_after = '-infinity'");
    UUID never = row(1, "run_after = 'infinity'");
    UUID behind = row(0, "state = 'NEW'");

    DbqWorker worker = DbqWorker.builder().dbq(db.dbq()).catalog(JobCatalog.of(JOB)).build();
    // before the fix every claim of the queue failed and the drain never ended
    long steps;
    try {
      steps = assertTimeoutPreemptively(Duration.ofSeconds(60), worker::runUntilEmpty);
    } finally {
      worker.close();
    }

    StoredJobs.Row failed = StoredJobs.row(db.sql, overflow);
    assertEquals(JobState.FAILED, failed.state());
    assertTrue(failed.lastError().contains("claimed 2147483647 times"), failed.lastError());
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, negative));
    StoredJobs.Row past = StoredJobs.row(db.sql, pastLastStep);
    assertEquals(JobState.FAILED, past.state());
    assertTrue(past.lastError().contains("has no step at index 2147483647"), past.lastError());
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, earliest));
    assertEquals(JobState.NEW, StoredJobs.state(db.sql, never), "a job for the end of time waits");
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, behind));
    assertEquals(5, steps);
  }

  @Test
  void theBackoffSaturatesInsteadOfOverflowing() {
    RetryBackoff huge = new RetryBackoff(Duration.ofMillis(1L << 40), Duration.ofDays(365));
    for (int attempt : new int[] {1, 2, 25, 31, Integer.MAX_VALUE}) {
      Duration wait = huge.after(attempt);
      assertTrue(wait.compareTo(Duration.ofDays(182)) >= 0, attempt + ": " + wait);
    }
  }
}
