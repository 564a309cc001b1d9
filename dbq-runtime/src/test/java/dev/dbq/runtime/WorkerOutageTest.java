package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While the database takes no saves, a worker starts none of the jobs it claimed ahead: a step
 * started then would run without its result being saved, and run again after its lease lapsed.
 */
class WorkerOutageTest {
  private static final Duration BOUND = Duration.ofSeconds(30);
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();

  @Test
  void jobsClaimedAheadAreNotStartedWhileSavesFailAndRunOnceAfterTheOutage() throws Exception {
    FaultyDataSource data = new FaultyDataSource(db.pool);
    CountDownLatch gate = new CountDownLatch(1);
    List<UUID> started = Collections.synchronizedList(new ArrayList<>());
    JobDefinition job =
        JobDefinition.builder("held")
            .step(
                "run",
                call -> {
                  started.add(call.context().id());
                  if (started.size() == 1) {
                    assertTrue(gate.await(BOUND.toSeconds(), TimeUnit.SECONDS));
                  } else if (data.down) {
                    // a step longer than the completion batch's delay: it ends after the failed
                    // save of the step before it (the second refused borrow comes after the
                    // first failed save's backoff)
                    Await.until("a failed save", () -> data.refused.get() >= 2, BOUND);
                  }
                  return null;
                })
            .build();
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(TestJobBuilder.named("held").enqueue(db.sql));
    }
    DbqWorker worker =
        DbqWorker.builder()
            .dataSource(data)
            .catalog(JobCatalog.of(job))
            .concurrency(1)
            .prefetch(4)
            .lease(Duration.ofSeconds(2))
            .pollInterval(Duration.ofMillis(100))
            .build();
    worker.start();
    try {
      // one claim took all five: one for the slot, four ahead of it
      Await.until("the first step to start", () -> started.size() == 1, BOUND);
      Await.until("all five claimed", () -> worker.inFlight() == 5, BOUND);

      data.down = true;
      gate.countDown(); // the first step ends; its save cannot reach the database

      // every claim is either started (and waits for its save) or left unstarted
      Await.until(
          "the claims ahead to be started or left",
          () -> worker.inFlight() == started.size(),
          BOUND);
      // the slot may take the next claim before the first save has failed, but no further one
      assertTrue(started.size() <= 2, "started while saves failed: " + started);

      data.down = false;
      Await.until(
          "every job to complete",
          () -> {
            for (UUID id : ids) {
              if (StoredJobs.state(db.sql, id) != JobState.COMPLETE) {
                return false;
              }
            }
            return true;
          },
          BOUND);
      assertEquals(new HashSet<>(ids), new HashSet<>(started));
      assertEquals(ids.size(), started.size(), "each step ran once: " + started);
    } finally {
      worker.close();
    }
  }
}
