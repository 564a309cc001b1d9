package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No worker thread dies of an {@link Error} that is not its own: when borrowing a connection throws
 * {@code OutOfMemoryError} (another thread ate the heap), the claim loop, the lease keeper and the
 * completion batcher log and try again, so every job still completes. A slot whose step throws one
 * hands the job back, counted, and the slot thread is replaced.
 */
class WorkerThreadSurvivalTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();

  @Test
  void anOutOfMemoryErrorWhileBorrowingKillsNoWorkerThreadAndEveryJobCompletes() throws Exception {
    FaultyDataSource data = new FaultyDataSource(db.pool);
    JobDefinition job =
        JobDefinition.builder("arms")
            .step(
                "arm",
                call -> {
                  // the next borrows fail, whichever thread makes them: the save, a claim, a lease
                  data.fatalBorrows.compareAndSet(0, 4);
                  return null;
                })
            .step("after", call -> null)
            .build();
    for (int i = 0; i < 3; i++) {
      TestJobBuilder.named("arms").enqueue(db.sql);
    }
    DbqWorker worker =
        DbqWorker.builder()
            .dataSource(data)
            .catalog(JobCatalog.of(job))
            .lease(Duration.ofSeconds(3))
            .build();

    try {
      assertTimeoutPreemptively(Duration.ofSeconds(60), worker::runUntilEmpty);
    } finally {
      worker.close();
    }

    assertEquals(3, StoredJobs.count(db.sql, "state = 'COMPLETE'"));
  }

  @Test
  void aSlotWhoseStepThrowsAnOutOfMemoryErrorIsReplacedAndTheRunCounted() throws Exception {
    JobDefinition fatal =
        JobDefinition.builder("fatal")
            .step(
                "die",
                call -> {
                  throw new OutOfMemoryError("injected in the step");
                })
            .build();
    JobDefinition plain = JobDefinition.builder("plain").step("run", call -> null).build();
    var pill = TestJobBuilder.named("fatal").priority(5).enqueue(db.sql);
    var behind = TestJobBuilder.named("plain").enqueue(db.sql);
    DbqWorker worker =
        DbqWorker.builder().dbq(db.dbq()).catalog(JobCatalog.of(fatal, plain)).build();

    try {
      assertTimeoutPreemptively(Duration.ofSeconds(60), worker::runUntilEmpty);
    } finally {
      worker.close();
    }

    StoredJobs.Row row = StoredJobs.row(db.sql, pill);
    assertEquals(JobState.FAILED, row.state());
    assertEquals(1 + DbqWorker.MAX_LOST_RUNS + 1, row.attempt(), "11 runs, then failed unrun");
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, behind));
  }
}
