package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.internal.store.WorkerStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cancelling a running job: the step sees it, the worker learns of it promptly (the notification)
 * or at its next lease renewal (the fallback), interrupts a step that ignores it after the grace
 * period, and the job ends CANCELLED without its failure hook, with its post-step hook.
 */
class JobCancelTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase(10);
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  /** A step that waits, with a bound, until its job is cancelled, then returns. */
  private JobMethod untilCancelled(CountDownLatch started) {
    return call -> {
      events.add("step");
      started.countDown();
      Await.until(
          "the step sees the cancel",
          () -> call.context().isCancelRequested(),
          Duration.ofSeconds(30));
      events.add("step saw the cancel");
      return null;
    };
  }

  private JobDefinition.Builder hooked(String name) {
    return JobDefinition.builder(name)
        .postStepHook(
            call -> {
              events.add("post " + call.context().state());
              return null;
            })
        .failureHook(
            call -> {
              events.add("failure");
              return null;
            });
  }

  private static void awaitState(UUID id, JobState state) throws Exception {
    Await.until(
        "job " + id + " is " + state,
        () -> StoredJobs.state(db.sql, id) == state,
        Duration.ofSeconds(30));
  }

  @Test
  void aRunningStepSeesTheCancelAtOnceAndTheJobEndsCancelledWithItsPostStepHookOnly()
      throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    JobDefinition job =
        hooked("long")
            .step("wait", untilCancelled(started))
            .step(
                "never",
                call -> {
                  events.add("second step");
                  return null;
                })
            .build();
    UUID id = TestJobBuilder.named("long").queue("default").enqueue(db.sql);
    // the default lease (60 s) renews every 20 s: a cancel seen within 10 s came by notification
    try (DbqWorker worker = DbqWorker.builder().dbq(db.dbq()).catalog(JobCatalog.of(job)).build()) {
      worker.start();
      assertTrue(started.await(30, TimeUnit.SECONDS));
      Await.until("the worker listens", worker::isListening, Duration.ofSeconds(10));

      JobActionResult result = db.dbq().control().cancel(List.of(id));
      assertEquals(List.of(id), result.stopRequested());

      Await.until(
          "the job is CANCELLED",
          () -> StoredJobs.state(db.sql, id) == JobState.CANCELLED,
          Duration.ofSeconds(10));
    }
    assertEquals(List.of("step", "step saw the cancel", "post CANCELLED"), events);
    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    // the step finished: a retry would go on with the next one
    assertEquals(1, row.nextStep());
    assertEquals(null, row.claimId());
    assertEquals(0, StoredJobs.count(db.sql, "cancel_requested IS NOT NULL"));
  }

  @Test
  void aStepThatIgnoresTheCancelIsInterruptedAfterTheGracePeriodAndTheSlotRunsTheNextJob()
      throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    JobDefinition stubborn =
        hooked("stubborn")
            .step(
                "sleep",
                call -> {
                  events.add("step");
                  started.countDown();
                  Thread.sleep(Duration.ofMinutes(5).toMillis()); // only an interrupt ends it
                  return null;
                })
            .build();
    JobDefinition quick = JobDefinition.builder("quick").step("go", call -> null).build();
    UUID id = TestJobBuilder.named("stubborn").queue("default").enqueue(db.sql);
    try (DbqWorker worker =
        DbqWorker.builder()
            .dbq(db.dbq())
            .catalog(JobCatalog.of(stubborn, quick))
            .shutdownGrace(Duration.ofMillis(200))
            .build()) {
      worker.start();
      assertTrue(started.await(30, TimeUnit.SECONDS));
      db.dbq().control().cancel(List.of(id));
      awaitState(id, JobState.CANCELLED);

      UUID next = TestJobBuilder.named("quick").enqueue(db.dbq());
      awaitState(next, JobState.COMPLETE);
    }
    assertEquals(List.of("step", "post CANCELLED"), events);
    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(0, row.nextStep());
    assertEquals(
        "cancelled by an operator: step 'sleep' (1 of 1) was interrupted after the grace period",
        row.lastError());
  }

  @Test
  void aCancelWhoseNotificationNoWorkerHeardIsLearntAtTheNextLeaseRenewal() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    JobDefinition job =
        hooked("long").step("wait", untilCancelled(started)).step("b", c -> null).build();
    UUID id = TestJobBuilder.named("long").queue("default").enqueue(db.sql);
    // a worker that drains and exits listens for nothing: only its renewals (every 0.5 s) tell it
    DbqWorker worker =
        DbqWorker.builder()
            .dbq(db.dbq())
            .catalog(JobCatalog.of(job))
            .lease(Duration.ofMillis(1500))
            .build();
    Thread drain =
        new Thread(
            () -> {
              try {
                worker.runUntilEmpty();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    drain.start();
    assertTrue(started.await(30, TimeUnit.SECONDS));
    db.dbq().control().cancel(List.of(id));
    drain.join(30_000);

    assertEquals(JobState.CANCELLED, StoredJobs.state(db.sql, id));
    assertEquals(List.of("step", "step saw the cancel", "post CANCELLED"), events);
  }

  @Test
  void aCancelledStepThatFinishesTheJobsLastStepLeavesTheJobComplete() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    JobDefinition job = hooked("last").step("wait", untilCancelled(started)).build();
    UUID id = TestJobBuilder.named("last").queue("default").enqueue(db.sql);
    try (DbqWorker worker = DbqWorker.builder().dbq(db.dbq()).catalog(JobCatalog.of(job)).build()) {
      worker.start();
      assertTrue(started.await(30, TimeUnit.SECONDS));
      db.dbq().control().cancel(List.of(id));
      awaitState(id, JobState.COMPLETE);
    }
    assertEquals(List.of("step", "step saw the cancel", "post COMPLETE"), events);
  }

  @Test
  void aJobCancelledWhileItsWorkerShutsDownEndsCancelledNotReady() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    JobDefinition stubborn =
        hooked("stubborn")
            .step(
                "sleep",
                call -> {
                  started.countDown();
                  Thread.sleep(Duration.ofMinutes(5).toMillis()); // only an interrupt ends it
                  return null;
                })
            .build();
    UUID id = TestJobBuilder.named("stubborn").enqueue(db.sql);
    DbqWorker worker =
        DbqWorker.builder()
            .dbq(db.dbq())
            .catalog(JobCatalog.of(stubborn))
            .shutdownGrace(Duration.ofSeconds(2))
            .build();
    worker.start();
    assertTrue(started.await(30, TimeUnit.SECONDS));
    worker.stop();
    awaitState(id, JobState.STOPPING);

    JobActionResult result = db.dbq().control().cancel(List.of(id));

    assertEquals(List.of(id), result.stopRequested());
    assertTrue(worker.awaitTermination(Duration.ofSeconds(30)));
    assertEquals(JobState.CANCELLED, StoredJobs.state(db.sql, id));
    assertEquals(0, StoredJobs.count(db.sql, "cancel_requested IS NOT NULL"));
  }

  @Test
  void aJobAskedToStopWhoseWorkerDiedEndsCancelledWhenItsLeaseIsRescued() throws Exception {
    UUID id = TestJobBuilder.named("gone").queue("default").enqueue(db.sql);
    StoredJobs.execute(
        db.sql,
        "UPDATE dbq_job SET state = 'PROCESSING', claim_id = gen_random_uuid(), lock_owner = 'dead',"
            + " lease_expires = now() + interval '1 hour' WHERE id = '"
            + id
            + "'");
    db.dbq().control().cancel(List.of(id));
    StoredJobs.execute(db.sql, "UPDATE dbq_job SET lease_expires = now() - interval '1 second'");

    List<WorkerStore.Rescued> rescued =
        new WorkerStore(db.pool, "rescuer", Duration.ofSeconds(60)).rescueExpired();

    assertEquals(1, rescued.size());
    assertEquals(JobState.CANCELLED, StoredJobs.state(db.sql, id));
    assertEquals(0, StoredJobs.count(db.sql, "cancel_requested IS NOT NULL"));
  }

  @Test
  void cancellingJobsWhileAWorkerClaimsThemRunsNoneTwiceLosesNoneAndLeavesNoneProcessing()
      throws Exception {
    int jobs = 300;
    Map<UUID, AtomicInteger> runs = new ConcurrentHashMap<>();
    JobDefinition job =
        JobDefinition.builder("short")
            .step(
                "work",
                call -> {
                  runs.computeIfAbsent(call.context().id(), k -> new AtomicInteger())
                      .incrementAndGet();
                  Thread.sleep(2); // the work: long enough for jobs to be held while cancels land
                  return null;
                })
            .build();
    for (int i = 0; i < jobs; i++) {
      TestJobBuilder.named("short").queue("default").enqueue(db.sql);
    }
    int changed = 0;
    try (DbqWorker worker =
        DbqWorker.builder().dbq(db.dbq()).catalog(JobCatalog.of(job)).concurrency(4).build()) {
      worker.start();
      Await.until("a step ran", () -> !runs.isEmpty(), Duration.ofSeconds(30));
      // cancels race the claims, the saves and each other until no job waits
      JobControl control = db.dbq().control();
      while (StoredJobs.count(db.sql, "state IN ('NEW', 'READY')") > 0) {
        changed += control.cancel(JobFilter.all().withName("short")).changedCount();
      }
      Await.until(
          "no job is held",
          () -> StoredJobs.count(db.sql, "state IN ('PROCESSING', 'STOPPING')") == 0,
          Duration.ofSeconds(30));
    }
    long complete = StoredJobs.count(db.sql, "state = 'COMPLETE'");
    long cancelled = StoredJobs.count(db.sql, "state = 'CANCELLED'");
    assertEquals(jobs, complete + cancelled, "every job COMPLETE or CANCELLED");
    assertTrue(cancelled > 0 && changed >= cancelled, "cancelled " + cancelled);
    for (UUID id : runs.keySet()) {
      assertEquals(1, runs.get(id).get(), "job " + id + " ran once");
    }
    // a one-step job is COMPLETE exactly when its step ran; a CANCELLED one never ran
    assertEquals(complete, runs.size());
    for (UUID id : runs.keySet()) {
      assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, id));
    }
  }
}
