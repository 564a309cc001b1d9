package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The default (adaptive) prefetch never makes a job enqueued later with a higher priority wait
 * behind long steps the worker claimed ahead: it starts as soon as a slot frees.
 */
class WorkerPrefetchTest {
  private static final Duration BOUND = Duration.ofSeconds(30);
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase(12);

  /** Long steps run until the test lets one finish; each permit ends one step. */
  private final Semaphore longStepEnds = new Semaphore(0);

  private final List<String> starts = new CopyOnWriteArrayList<>();
  @RegisterExtension final StartedWorkers workers = new StartedWorkers(db);

  @AfterEach
  void endLongSteps() {
    longStepEnds.release(1_000);
  }

  private final JobDefinition shortJob =
      JobDefinition.builder("short").step("run", call -> null).build();

  private final JobDefinition longJob =
      JobDefinition.builder("long")
          .step(
              "run",
              call -> {
                starts.add("long");
                longStepEnds.acquire();
                return null;
              })
          .build();

  private final JobDefinition urgentJob =
      JobDefinition.builder("urgent")
          .step(
              "run",
              call -> {
                starts.add("urgent");
                return null;
              })
          .build();

  /** A worker with the default settings but two slots. */
  private DbqWorker startedWithDefaults() {
    return workers.started(workers.builder(shortJob, longJob, urgentJob).concurrency(2));
  }

  @Test
  void aWorkerThatFinishedNoStepYetClaimsOnlyForItsSlots() throws Exception {
    for (int i = 0; i < 10; i++) {
      TestJobBuilder.named("long").enqueue(db.sql);
    }

    startedWithDefaults();
    Await.until("both slots run a long step", () -> starts.size() == 2, BOUND);

    // the claim that filled the slots claimed nothing ahead, and no slot has freed since
    assertEquals(2, StoredJobs.count(db.sql, "state = 'PROCESSING'"));
    assertEquals(8, StoredJobs.count(db.sql, "state = 'NEW'"));
  }

  @Test
  void aHigherPriorityJobEnqueuedBehindLongStepsStartsWhenTheFirstSlotFrees() throws Exception {
    // short steps first, so that the worker has a high step rate, and so a prefetch, when it
    // reaches the long ones: what it claimed ahead then is a hoard of long steps
    for (int i = 0; i < 300; i++) {
      TestJobBuilder.named("short").enqueue(db.sql);
    }
    List<UUID> longOnes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      longOnes.add(TestJobBuilder.named("long").enqueue(db.sql));
    }

    startedWithDefaults();
    Await.until("both slots run a long step", () -> starts.size() == 2, BOUND);
    // long steps ahead of the slots went back unrun: the worker holds only what runs
    Await.until(
        "the worker holds only its two running jobs",
        () -> StoredJobs.count(db.sql, "state = 'PROCESSING'") == 2,
        BOUND);
    UUID urgent = TestJobBuilder.named("urgent").priority(10).enqueue(db.sql);

    longStepEnds.release(1);
    Await.until(
        "the urgent job ran", () -> StoredJobs.state(db.sql, urgent) == JobState.COMPLETE, BOUND);

    assertEquals(List.of("long", "long", "urgent"), starts.subList(0, 3));
    longStepEnds.release(1_000);
    Await.until(
        "every long job completes",
        () -> StoredJobs.count(db.sql, "name = 'long' AND state = 'COMPLETE'") == 20,
        BOUND);
    assertEquals(21, starts.size(), "each long step ran once, the urgent one once");
    for (UUID id : longOnes) {
      StoredJobs.Row row = StoredJobs.row(db.sql, id);
      assertNull(row.lastError(), "a prefetch handed back unrun is no failure");
    }
  }
}
