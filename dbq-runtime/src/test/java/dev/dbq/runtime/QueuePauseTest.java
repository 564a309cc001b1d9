package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A paused queue's jobs stay waiting while the worker runs its other queues; what a worker holds
 * when its queue is paused finishes; a resume reaches an idle worker through its notification.
 */
class QueuePauseTest {
  private static final Duration BOUND = Duration.ofSeconds(30);
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase(8);

  private final List<DbqWorker> workers = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch started = new CountDownLatch(1);

  private final JobDefinition plain = JobDefinition.builder("plain").step("run", c -> null).build();

  private final JobDefinition blocking =
      JobDefinition.builder("blocking")
          .step(
              "run",
              call -> {
                started.countDown();
                release.await();
                return null;
              })
          .build();

  @AfterEach
  void stopWorkers() {
    release.countDown();
    workers.forEach(DbqWorker::close);
  }

  private DbqWorker.Builder worker(String... queues) {
    return DbqWorker.builder().dbq(db.dbq()).catalog(JobCatalog.of(plain, blocking)).queues(queues);
  }

  private DbqWorker started(DbqWorker.Builder builder) {
    DbqWorker worker = builder.build();
    workers.add(worker);
    worker.start();
    return worker;
  }

  private static List<UUID> insert(String name, String queue, int priority, int count)
      throws Exception {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(TestJobBuilder.named(name).queue(queue).priority(priority).enqueue(db.sql));
    }
    return ids;
  }

  @Test
  void aPausedQueueIsNotClaimedWhileTheWorkersOtherQueueRuns() throws Exception {
    db.dbq().queues().pause("held");
    // the paused queue's jobs have the higher priority: only the pause keeps them from going first
    List<UUID> held = insert("plain", "held", 10, 5);
    List<UUID> free = insert("plain", "free", 0, 5);

    long steps = worker("held", "free").concurrency(4).build().runUntilEmpty();

    assertEquals(5, steps, "the drain found nothing runnable but the paused queue's jobs");
    for (UUID id : free) {
      assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, id));
    }
    for (UUID id : held) {
      StoredJobs.Row row = StoredJobs.row(db.sql, id);
      assertEquals(JobState.NEW, row.state());
      assertEquals(0, row.attempt(), "never claimed");
    }
  }

  @Test
  void resumeWakesAnIdleWorkerThroughItsNotification() throws Exception {
    db.dbq().queues().pause("q");
    List<UUID> jobs = insert("plain", "q", 0, 3);
    // an hour between polls: only the resume's notification can wake the worker in time
    DbqWorker worker = started(worker("q").pollInterval(Duration.ofHours(1)));
    Await.until("the worker listens", worker::isListening, BOUND);
    assertEquals(3, StoredJobs.count(db.sql, "state = 'NEW'"), "paused: nothing claimed");

    db.dbq().queues().resume("q");

    Await.until(
        "the resumed queue's jobs complete",
        () -> StoredJobs.count(db.sql, "state = 'COMPLETE'") == jobs.size(),
        Duration.ofSeconds(10));
  }

  @Test
  void aWorkerFinishesTheStepItHoldsWhenItsQueueIsPaused() throws Exception {
    UUID first = insert("blocking", "q", 1, 1).get(0);
    List<UUID> behind = insert("plain", "q", 0, 3);
    DbqWorker worker = started(worker("q").concurrency(1).prefetch(0));
    started.await();

    db.dbq().queues().pause("q");
    release.countDown();

    Await.until(
        "the held step is saved",
        () -> StoredJobs.state(db.sql, first) == JobState.COMPLETE,
        BOUND);
    worker.stop();
    assertTrue(worker.awaitTermination(BOUND));
    for (UUID id : behind) {
      assertEquals(JobState.NEW, StoredJobs.state(db.sql, id), "nothing claimed after the pause");
    }
  }
}
