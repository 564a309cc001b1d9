package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A queue's concurrency limit in one process: never more running than the limit, whatever the idle
 * slots and the prefetch; no worker holds capacity it cannot start; a changed limit is seen at the
 * next claim, a raised one at once through the notification.
 */
class QueueLimitTest {
  private static final Duration BOUND = Duration.ofSeconds(30);
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase(16);

  private final List<DbqWorker> workers = new ArrayList<>();

  /**
   * Each permit ends one running step; fair, so that a step that starts later never takes one
   * first.
   */
  private final Semaphore ends = new Semaphore(0, true);

  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  private final JobDefinition blocking =
      JobDefinition.builder("blocking")
          .step(
              "run",
              call -> {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                started.incrementAndGet();
                try {
                  ends.acquire();
                } finally {
                  running.decrementAndGet();
                }
                return null;
              })
          .build();

  @AfterEach
  void stopWorkers() {
    ends.release(10_000);
    workers.forEach(DbqWorker::close);
  }

  private DbqWorker started(DbqWorker.Builder builder) {
    DbqWorker worker = builder.build();
    workers.add(worker);
    worker.start();
    return worker;
  }

  private DbqWorker.Builder worker(int slots) {
    return DbqWorker.builder()
        .dbq(db.dbq())
        .catalog(JobCatalog.of(blocking))
        .queues("q")
        .concurrency(slots);
  }

  private static void insert(int count) throws Exception {
    for (int i = 0; i < count; i++) {
      TestJobBuilder.named("blocking").queue("q").priority(0).enqueue(db.sql);
    }
  }

  private static long processing() throws Exception {
    return StoredJobs.count(db.sql, "state IN ('PROCESSING', 'STOPPING')");
  }

  private void awaitRunning(int n) throws Exception {
    Await.until(n + " steps running", () -> running.get() == n, BOUND);
  }

  private void awaitAllComplete(int n) throws Exception {
    Await.until(
        "every job completes", () -> StoredJobs.count(db.sql, "state = 'COMPLETE'") == n, BOUND);
  }

  @Test
  void aLimitedQueueRunsAtMostItsLimitWhateverTheIdleSlotsAndThePrefetch() throws Exception {
    db.dbq().queues().limit("q", 2);
    insert(10);

    started(worker(8).prefetch(5));
    awaitRunning(2);

    assertEquals(2, processing(), "nothing claimed ahead: the prefetch does not hold capacity");
    for (int i = 0; i < 8; i++) {
      ends.release();
      int done = i + 1;
      Await.until("the freed room is filled", () -> started.get() == Math.min(10, done + 2), BOUND);
      assertEquals(Math.min(2, 10 - done), processing());
    }
    ends.release(2);
    awaitAllComplete(10);
    assertEquals(2, peak.get());
  }

  @Test
  void aWorkerWithOneSlotLeavesTheRestOfTheLimitToAnother() throws Exception {
    db.dbq().queues().limit("q", 3);
    insert(10);

    // a prefetch of ten, but one slot: it claims the limited queue for that slot only
    started(worker(1).prefetch(10));
    awaitRunning(1);
    assertEquals(1, processing());
    started(worker(8));
    awaitRunning(3);

    assertEquals(3, processing());
    ends.release(10);
    awaitAllComplete(10);
    assertEquals(3, peak.get());
  }

  @Test
  void aRaisedLimitIsFilledAtOnceARemovedOneFreesEverySlotALoweredOneStopsNoStep()
      throws Exception {
    db.dbq().queues().limit("q", 1);
    insert(7);
    // an hour between polls: only the change's notification can wake the worker in time
    DbqWorker worker = started(worker(4).pollInterval(Duration.ofHours(1)));
    Await.until("the worker listens", worker::isListening, BOUND);
    awaitRunning(1);

    db.dbq().queues().limit("q", 3);
    awaitRunning(3);
    assertEquals(3, processing());

    db.dbq().queues().removeLimit("q");
    awaitRunning(4);

    db.dbq().queues().limit("q", 1);
    assertEquals(4, running.get(), "a lowered limit stops no running step");
    ends.release(4);
    // the three left run one at a time
    Await.until("the next job starts", () -> started.get() == 5, BOUND);
    awaitRunning(1);
    assertEquals(1, processing());
    ends.release();
    Await.until("the next job starts", () -> started.get() == 6, BOUND);
    assertEquals(1, processing());
    ends.release(2);
    awaitAllComplete(7);
  }
}
