package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Two workers with eight slots each share one queue of 5,000 jobs. */
class WorkerDrainTest {
  private static final Logger log = LoggerFactory.getLogger(WorkerDrainTest.class);
  private static final int JOBS = 5_000;
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase(20);

  @Test
  void twoWorkersDrainFiveThousandJobsRunningEachStepExactlyOnce() throws Exception {
    Map<UUID, Integer> runs = new ConcurrentHashMap<>();
    JobDefinition job =
        JobDefinition.builder("count")
            .step(
                "count",
                call -> {
                  runs.merge(call.context().id(), 1, Integer::sum);
                  return null;
                })
            .build();
    StoredJobs.execute(
        db.sql,
        "INSERT INTO dbq_job (id, name, queue_name, priority)"
            + " SELECT gen_random_uuid(), 'count', 'default', i % 3"
            + " FROM generate_series(1, "
            + JOBS
            + ") AS i");

    ExecutorService threads = Executors.newFixedThreadPool(2);
    long t0 = System.nanoTime();
    try {
      Future<Long> a = threads.submit(() -> drainer(job, "a").runUntilEmpty());
      Future<Long> b = threads.submit(() -> drainer(job, "b").runUntilEmpty());
      long steps = a.get(5, TimeUnit.MINUTES) + b.get(5, TimeUnit.MINUTES);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      log.info(
          "drained {} jobs with 2 workers x 8 slots in {} ms ({} jobs/s)",
          JOBS,
          millis,
          JOBS * 1000L / Math.max(1, millis));
      assertEquals(JOBS, steps);
    } finally {
      threads.shutdownNow();
    }

    assertEquals(JOBS, runs.size());
    assertTrue(runs.values().stream().allMatch(n -> n == 1), "every step ran exactly once");
    assertEquals(JOBS, StoredJobs.count(db.sql, "state = 'COMPLETE'"));
    assertEquals(0, StoredJobs.count(db.sql, "state <> 'COMPLETE'"));
    assertEquals(0, StoredJobs.count(db.sql, "claim_id IS NOT NULL OR lock_owner IS NOT NULL"));
  }

  private static DbqWorker drainer(JobDefinition job, String id) {
    return DbqWorker.builder()
        .dbq(db.dbq())
        .catalog(JobCatalog.of(job))
        .concurrency(8)
        .workerId(id)
        .pollInterval(Duration.ofMillis(200))
        .build();
  }
}
