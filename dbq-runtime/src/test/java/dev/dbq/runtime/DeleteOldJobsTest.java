package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code delete-old-jobs} never deletes a job whose claim is alive or can be rescued: a STOPPING
 * job whose worker is finishing its step survives, and the step's save lands.
 */
class DeleteOldJobsTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();

  @Test
  void aStoppingJobWhoseWorkerIsFinishingItsStepIsNotDeletedAndItsSaveLands() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    JobDefinition slow =
        JobDefinition.builder("slow")
            .step(
                "wait",
                call -> {
                  started.countDown();
                  release.await(60, TimeUnit.SECONDS);
                  call.context().workspace().put("done", true);
                  return null;
                })
            .build();
    UUID id = TestJobBuilder.named("slow").enqueue(db.sql);
    // created long ago, e.g. held back by run_after
    StoredJobs.execute(
        db.sql, "UPDATE dbq_job SET created = now() - interval '30 days' WHERE id = '" + id + "'");
    DbqWorker worker =
        DbqWorker.builder()
            .dbq(db.dbq())
            .catalog(JobCatalog.of(slow))
            .shutdownGrace(Duration.ofSeconds(60))
            .build();
    worker.start();
    try {
      started.await(30, TimeUnit.SECONDS);
      worker.stop();
      Await.until(
          "the job is STOPPING",
          () -> StoredJobs.state(db.sql, id) == JobState.STOPPING,
          Duration.ofSeconds(30));

      assertEquals(0, db.dbq().deleteOldJobs(Duration.ZERO));
      assertEquals(0, db.dbq().deleteOldJobs(Duration.ofHours(24)));
    } finally {
      release.countDown();
      worker.awaitTermination(Duration.ofSeconds(60));
    }

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.COMPLETE, row.state());
    assertEquals("{\"done\": true}", row.workspace());
  }

  @Test
  void aStoppingJobWhoseLeaseLapsedIsLeftForTheRescueAndOneWithoutAClaimIsDeleted()
      throws Exception {
    UUID lapsed = TestJobBuilder.named("x").enqueue(db.sql);
    UUID abandoned = TestJobBuilder.named("x").enqueue(db.sql);
    StoredJobs.execute(
        db.sql,
        "UPDATE dbq_job SET state = 'STOPPING', created = now() - interval '30 days',"
            + " claim_id = gen_random_uuid(), lock_owner = 'gone',"
            + " lease_expires = now() - interval '1 hour' WHERE id = '"
            + lapsed
            + "'");
    StoredJobs.execute(
        db.sql,
        "UPDATE dbq_job SET state = 'STOPPING', created = now() - interval '30 days'"
            + " WHERE id = '"
            + abandoned
            + "'");

    assertEquals(1, db.dbq().deleteOldJobs(Duration.ofHours(24)));

    assertEquals(JobState.STOPPING, StoredJobs.state(db.sql, lapsed));
    assertEquals(0, StoredJobs.count(db.sql, "id = '" + abandoned + "'"));
  }
}
