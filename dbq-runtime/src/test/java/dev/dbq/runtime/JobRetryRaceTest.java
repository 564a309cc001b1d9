package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retries racing the worker and each other, against real PostgreSQL: no job run twice, none lost,
 * none left PROCESSING.
 */
class JobRetryRaceTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase(10);

  /** A one-step job whose first run fails and whose later runs succeed, counting runs per job. */
  private static JobDefinition failingOnce(Map<UUID, AtomicInteger> runs) {
    return JobDefinition.builder("flaky")
        .step(
            "work",
            call -> {
              int run =
                  runs.computeIfAbsent(call.context().id(), k -> new AtomicInteger())
                      .incrementAndGet();
              if (run == 1) {
                throw new IllegalStateException("first run fails");
              }
              return null;
            })
        .build();
  }

  @Test
  void retriesRacingTheWorkersSavesOfTheSameJobsRunEachJobExactlyOnceMore() throws Exception {
    int jobs = 100;
    Map<UUID, AtomicInteger> runs = new ConcurrentHashMap<>();
    for (int i = 0; i < jobs; i++) {
      TestJobBuilder.named("flaky").queue("default").enqueue(db.sql);
    }
    Set<UUID> retried = ConcurrentHashMap.newKeySet();
    int[] leftAlone = {0};
    try (DbqWorker worker =
        DbqWorker.builder()
            .dbq(db.dbq())
            .catalog(JobCatalog.of(failingOnce(runs)))
            .concurrency(4)
            .build()) {
      worker.start();
      JobControl control = db.dbq().control();
      List<UUID> all = StoredJobs.ids(db.sql);
      // the operator retries every job over and over while the worker claims, fails and saves them:
      // only a FAILED job is taken, and each is retried once
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (retried.size() < jobs) {
        assertTrue(System.nanoTime() < deadline, "retried only " + retried.size() + " in 60 s");
        JobActionResult result = control.retry(all);
        for (UUID id : result.changed()) {
          assertTrue(retried.add(id), "job " + id + " retried twice");
        }
        leftAlone[0] += result.leftAlone().size();
      }
      Await.until(
          "every retried job completes",
          () -> StoredJobs.count(db.sql, "state = 'COMPLETE'") == jobs,
          Duration.ofSeconds(60));
    }
    assertEquals(jobs, retried.size());
    assertTrue(leftAlone[0] > 0, "some retries met jobs a worker held or had saved");
    for (UUID id : StoredJobs.ids(db.sql)) {
      assertEquals(2, runs.get(id).get(), "job " + id + " ran twice: the failure and the retry");
    }
    assertEquals(0, StoredJobs.count(db.sql, "state <> 'COMPLETE'"));
  }

  @Test
  void twoOperatorsRetryingTheSameFilterAtOnceRetryEachJobOnce() throws Exception {
    int jobs = 500;
    for (int i = 0; i < jobs; i++) {
      TestJobBuilder.named("flaky").queue("default").enqueue(db.sql);
    }
    StoredJobs.execute(
        db.sql, "UPDATE dbq_job SET state = 'FAILED', attempt = 1, last_error = 'x'");
    JobControl control = db.dbq().control();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService operators = Executors.newFixedThreadPool(2);
    List<Future<JobActionResult>> results = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      results.add(
          operators.submit(
              () -> {
                go.await();
                return control.retry(JobFilter.all().withStates(JobState.FAILED));
              }));
    }
    go.countDown();
    Set<UUID> changed = new HashSet<>();
    int total = 0;
    for (Future<JobActionResult> f : results) {
      JobActionResult r = f.get(60, TimeUnit.SECONDS);
      total += r.changedCount();
      changed.addAll(r.changed());
    }
    operators.shutdown();
    assertEquals(jobs, total, "each job retried by exactly one operator");
    assertEquals(jobs, changed.size());
    assertEquals(jobs, StoredJobs.count(db.sql, "state = 'READY' AND attempt = 0"));

    // and each runs once: the worker's second run of each succeeds
    Map<UUID, AtomicInteger> runs = new ConcurrentHashMap<>();
    for (UUID id : changed) {
      runs.put(id, new AtomicInteger(1)); // the failed run
    }
    DbqWorker.builder()
        .dbq(db.dbq())
        .catalog(JobCatalog.of(failingOnce(runs)))
        .concurrency(4)
        .build()
        .runUntilEmpty();
    assertEquals(jobs, StoredJobs.count(db.sql, "state = 'COMPLETE'"));
    for (UUID id : changed) {
      assertEquals(2, runs.get(id).get(), "job " + id + " ran once after its retry");
    }
  }
}
