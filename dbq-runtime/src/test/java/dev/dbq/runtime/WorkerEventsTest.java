package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The public event API: what a worker and a {@code Dbq} tell their listeners, and when. */
class WorkerEventsTest {
  private static final Duration BOUND = Duration.ofSeconds(20);

  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();

  /** Every event it hears, in order, with the thread it heard it on. */
  static final class Recorder implements DbqListener {
    final List<DbqEvent> events = Collections.synchronizedList(new ArrayList<>());
    final Map<UUID, String> stepThreads = new ConcurrentHashMap<>();

    <T extends DbqEvent> List<T> of(Class<T> kind) {
      synchronized (events) {
        return events.stream().filter(kind::isInstance).map(kind::cast).toList();
      }
    }

    <T extends DbqEvent> long count(Class<T> kind, Predicate<T> which) {
      return of(kind).stream().filter(which).count();
    }

    @Override
    public void onEnqueued(DbqEvent.Enqueued e) {
      events.add(e);
    }

    @Override
    public void onWorkerStarted(DbqEvent.WorkerStarted e) {
      events.add(e);
    }

    @Override
    public void onWorkerStopped(DbqEvent.WorkerStopped e) {
      events.add(e);
    }

    @Override
    public void onWokeUp(DbqEvent.WokeUp e) {
      events.add(e);
    }

    @Override
    public void onClaimed(DbqEvent.Claimed e) {
      events.add(e);
    }

    @Override
    public void onStepStarted(DbqEvent.StepStarted e) {
      stepThreads.put(e.run().job().id(), Thread.currentThread().getName());
      events.add(e);
    }

    @Override
    public void onStepEnded(DbqEvent.StepEnded e) {
      assertEquals(
          stepThreads.get(e.run().job().id()),
          Thread.currentThread().getName(),
          "a step ends on the thread it started on");
      events.add(e);
    }

    @Override
    public void onRetryScheduled(DbqEvent.RetryScheduled e) {
      events.add(e);
    }

    @Override
    public void onJobEnded(DbqEvent.JobEnded e) {
      events.add(e);
    }

    @Override
    public void onRescued(DbqEvent.Rescued e) {
      events.add(e);
    }

    @Override
    public void onLeaseRenewalFailed(DbqEvent.LeaseRenewalFailed e) {
      events.add(e);
    }

    @Override
    public void onCancelled(DbqEvent.Cancelled e) {
      events.add(e);
    }
  }

  /** Throws in every method: it must change nothing for the work or for other listeners. */
  static final class Throwing implements DbqListener {
    @Override
    public void onEnqueued(DbqEvent.Enqueued e) {
      throw new IllegalStateException("listener bug");
    }

    @Override
    public void onStepStarted(DbqEvent.StepStarted e) {
      throw new IllegalStateException("listener bug");
    }

    @Override
    public void onStepEnded(DbqEvent.StepEnded e) {
      throw new IllegalStateException("listener bug");
    }

    @Override
    public void onJobEnded(DbqEvent.JobEnded e) {
      throw new IllegalStateException("listener bug");
    }

    @Override
    public void onClaimed(DbqEvent.Claimed e) {
      throw new IllegalStateException("listener bug");
    }
  }

  private static final JobDefinition TWO_STEPS =
      JobDefinition.builder("two").step("a", call -> null).step("b", call -> null).build();
  private static final JobDefinition BROKEN =
      JobDefinition.builder("broken")
          .step(
              "only",
              call -> {
                throw new IllegalStateException("boom");
              })
          .build();
  private static final JobDefinition FLAKY =
      JobDefinition.builder("flaky")
          .maxAttempts(2)
          .step(
              "only",
              call -> {
                throw new IllegalStateException("not yet");
              })
          .build();

  @Test
  void aDrainTellsEveryStepRetryAndEndOnceWithItsOutcome() throws Exception {
    Recorder recorder = new Recorder();
    Dbq dbq = db.dbq().addListener(new Throwing()).addListener(recorder);
    List<UUID> ids =
        dbq.enqueueAll(
            List.of(
                TestJobBuilder.named("two"),
                TestJobBuilder.named("two"),
                TestJobBuilder.named("broken"),
                TestJobBuilder.named("flaky")));
    DbqWorker worker =
        DbqWorker.builder()
            .dbq(dbq)
            .catalog(JobCatalog.of(TWO_STEPS, BROKEN, FLAKY))
            .workerId("events-worker")
            .concurrency(2)
            .listener(new Throwing())
            .listener(recorder)
            .build();

    assertEquals(6, worker.runUntilEmpty());

    List<DbqEvent.Enqueued> enqueued = recorder.of(DbqEvent.Enqueued.class);
    assertEquals(1, enqueued.size(), "one batch, one event");
    assertEquals(
        ids, enqueued.get(0).jobs().stream().map(j -> j.job().id()).toList(), "in the given order");
    assertEquals(false, enqueued.get(0).inCallersTransaction());

    assertEquals(6, recorder.of(DbqEvent.StepStarted.class).size());
    assertEquals(
        4,
        recorder.count(DbqEvent.StepEnded.class, e -> e.result() == DbqEvent.StepResult.SUCCEEDED));
    assertEquals(
        1, recorder.count(DbqEvent.StepEnded.class, e -> e.result() == DbqEvent.StepResult.FAILED));
    assertEquals(
        1,
        recorder.count(DbqEvent.StepEnded.class, e -> e.result() == DbqEvent.StepResult.RETRYING));
    assertEquals(
        List.of("a", "a", "b", "b"),
        recorder.of(DbqEvent.StepEnded.class).stream()
            .filter(e -> e.run().job().name().equals("two"))
            .map(e -> e.run().stepName())
            .sorted()
            .toList());
    for (DbqEvent.StepStarted started : recorder.of(DbqEvent.StepStarted.class)) {
      assertEquals("events-worker", started.run().workerId());
      if (started.run().stepIndex() == 0) {
        assertNotNull(started.startDelay(), "a job's first step has its start delay");
        assertTrue(!started.startDelay().isNegative());
      } else {
        assertNull(started.startDelay());
      }
    }

    List<DbqEvent.RetryScheduled> retries = recorder.of(DbqEvent.RetryScheduled.class);
    assertEquals(1, retries.size());
    assertEquals("flaky", retries.get(0).job().name());
    assertTrue(retries.get(0).error().contains("not yet"));

    assertEquals(2, recorder.count(DbqEvent.JobEnded.class, e -> e.state() == JobState.COMPLETE));
    List<DbqEvent.JobEnded> failed =
        recorder.of(DbqEvent.JobEnded.class).stream()
            .filter(e -> e.state() == JobState.FAILED)
            .toList();
    assertEquals(1, failed.size());
    assertEquals("broken", failed.get(0).job().name());
    assertTrue(failed.get(0).error().contains("boom"));

    assertEquals(
        6, recorder.of(DbqEvent.Claimed.class).stream().mapToInt(DbqEvent.Claimed::claimed).sum());
    assertEquals(1, recorder.of(DbqEvent.WorkerStarted.class).size());
    List<DbqEvent.WorkerStopped> stopped = recorder.of(DbqEvent.WorkerStopped.class);
    assertEquals(1, stopped.size());
    assertEquals(6, stopped.get(0).stepsRun());
    assertTrue(
        recorder.events.get(recorder.events.size() - 1) instanceof DbqEvent.WorkerStopped,
        "the stop is the last event");
  }

  @Test
  void anEnqueueInTheCallersTransactionIsToldToTheDefaultDbqsListeners() throws Exception {
    Recorder recorder = new Recorder();
    Dbq dbq = db.dbq().addListener(recorder);
    Dbq.setDefault(dbq);
    try {
      UUID id = TestJobBuilder.named("two").enqueue(db.sql);
      List<DbqEvent.Enqueued> enqueued = recorder.of(DbqEvent.Enqueued.class);
      assertEquals(1, enqueued.size());
      assertEquals(id, enqueued.get(0).jobs().get(0).job().id());
      assertTrue(enqueued.get(0).inCallersTransaction());
    } finally {
      dbq.close();
    }
  }

  @Test
  void anIdleWorkerTellsItsWakeUpsByNotificationAndByPoll() throws Exception {
    Recorder recorder = new Recorder();
    try (DbqWorker worker =
        DbqWorker.builder()
            .dbq(db.dbq())
            .catalog(JobCatalog.of(TWO_STEPS))
            .queues("wakeq")
            .pollInterval(Duration.ofMillis(200))
            .listener(recorder)
            .build()) {
      worker.start();
      Await.until("listening", worker::isListening, BOUND);
      Await.until(
          "a poll",
          () ->
              recorder.count(DbqEvent.WokeUp.class, e -> e.source() == DbqEvent.WakeUpSource.POLL)
                  > 0,
          BOUND);
      TestJobBuilder.named("two").queue("wakeq").enqueue(db.sql);
      Await.until(
          "a notification",
          () ->
              recorder.count(DbqEvent.WokeUp.class, e -> e.source() == DbqEvent.WakeUpSource.NOTIFY)
                  > 0,
          BOUND);
      Await.until("the job's end", () -> !recorder.of(DbqEvent.JobEnded.class).isEmpty(), BOUND);
    }
  }

  @Test
  void aStepEndedByAFatalErrorStillEndsAsLostOnItsThread() throws Exception {
    Recorder recorder = new Recorder();
    JobDefinition fatal =
        JobDefinition.builder("fatal")
            .step(
                "only",
                call -> {
                  throw new OutOfMemoryError("injected in the step");
                })
            .build();
    UUID id = TestJobBuilder.named("fatal").enqueue(db.sql);
    try (DbqWorker worker =
        DbqWorker.builder()
            .dbq(db.dbq())
            .catalog(JobCatalog.of(fatal))
            .listener(recorder)
            .build()) {
      worker.start();
      Await.until("the step's end", () -> !recorder.of(DbqEvent.StepEnded.class).isEmpty(), BOUND);
    }
    DbqEvent.StepEnded ended = recorder.of(DbqEvent.StepEnded.class).get(0);
    assertEquals(id, ended.run().job().id());
    assertEquals(DbqEvent.StepResult.LOST, ended.result());
  }

  @Test
  void aRunningStepStoppedByACancelEndsCancelledAndIsToldAsACancellation() throws Exception {
    Recorder recorder = new Recorder();
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    JobDefinition waiting =
        JobDefinition.builder("waiting")
            .step(
                "wait",
                call -> {
                  started.countDown();
                  Await.until(
                      "the step sees the cancel", () -> call.context().isCancelRequested(), BOUND);
                  return null;
                })
            .step("never", call -> null)
            .build();
    UUID id = TestJobBuilder.named("waiting").enqueue(db.sql);
    try (DbqWorker worker =
        DbqWorker.builder()
            .dbq(db.dbq())
            .catalog(JobCatalog.of(waiting))
            .listener(recorder)
            .build()) {
      worker.start();
      Await.until("the step runs", () -> started.getCount() == 0, BOUND);
      db.dbq().control().cancel(List.of(id));
      Await.until(
          "the cancellation", () -> !recorder.of(DbqEvent.Cancelled.class).isEmpty(), BOUND);
    }
    assertEquals(
        DbqEvent.StepResult.CANCELLED, recorder.of(DbqEvent.StepEnded.class).get(0).result());
    DbqEvent.JobEnded ended = recorder.of(DbqEvent.JobEnded.class).get(0);
    assertEquals(JobState.CANCELLED, ended.state());
    assertEquals(id, recorder.of(DbqEvent.Cancelled.class).get(0).job().id());
  }

  @Test
  void aLapsedLeaseIsToldAsARescue() throws Exception {
    Recorder recorder = new Recorder();
    UUID id = TestJobBuilder.named("two").enqueue(db.sql);
    StoredJobs.execute(
        db.sql,
        "UPDATE dbq_job SET state = 'PROCESSING', lock_owner = 'dead', claim_id ="
            + " gen_random_uuid(), attempt = 1, lease_expires = now() - interval '1 hour'");
    try (DbqWorker worker =
        DbqWorker.builder()
            .dbq(db.dbq())
            .catalog(JobCatalog.of(TWO_STEPS))
            .lease(Duration.ofSeconds(3))
            .listener(recorder)
            .build()) {
      worker.start();
      Await.until("the rescue", () -> !recorder.of(DbqEvent.Rescued.class).isEmpty(), BOUND);
    }
    DbqEvent.Rescued rescued = recorder.of(DbqEvent.Rescued.class).get(0);
    assertEquals(id, rescued.job().id());
    assertEquals("two", rescued.job().name());
    assertEquals(0, rescued.stepIndex());
  }
}
