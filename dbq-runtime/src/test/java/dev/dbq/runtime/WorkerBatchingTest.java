package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Prefetched claims and batched saves keep the worker's semantics. */
class WorkerBatchingTest {
  private static final Duration BOUND = Duration.ofSeconds(20);
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase(12);
  @RegisterExtension final StartedWorkers workers = new StartedWorkers(db);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseSteps() {
    release.countDown();
  }

  /** A step that counts its runs, signals it started, then waits for {@link #release}. */
  private JobDefinition held(String name, CountDownLatch started, AtomicInteger runs) {
    return JobDefinition.builder(name)
        .step(
            "hold",
            call -> {
              runs.incrementAndGet();
              started.countDown();
              release.await();
              call.context().workspace().put("done", true);
              return null;
            })
        .build();
  }

  @Test
  void prefetchedJobsThatNeverStartedGoBackReadyOnStop() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    UUID first = TestJobBuilder.named("held").enqueue(db.sql);
    UUID second = TestJobBuilder.named("held").enqueue(db.sql);
    UUID third = TestJobBuilder.named("held").enqueue(db.sql);
    DbqWorker worker =
        workers.started(
            workers.builder(held("held", started, runs)).concurrency(1).prefetch(2).build());
    assertTrue(started.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    Await.until(
        "all three claimed", () -> StoredJobs.count(db.sql, "state = 'PROCESSING'") == 3, BOUND);

    worker.stop();
    Await.until("STOPPING", () -> StoredJobs.state(db.sql, first) == JobState.STOPPING, BOUND);
    release.countDown();
    assertTrue(worker.awaitTermination(BOUND));

    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, first));
    for (UUID id : List.of(second, third)) {
      StoredJobs.Row row = StoredJobs.row(db.sql, id);
      assertEquals(JobState.READY, row.state());
      assertEquals(0, row.attempt(), "a step that never started is no attempt");
      assertNull(row.claimId());
      assertTrue(row.lastError().contains("before the step started"), row.lastError());
    }
    assertEquals(1, runs.get(), "only the first job's step ran");
  }

  @Test
  void everyStepOfManyJobsRunsOnceAndIsSavedInOrder() throws Exception {
    Map<UUID, List<String>> seen = new ConcurrentHashMap<>();
    JobMethod record =
        call -> {
          seen.computeIfAbsent(call.context().id(), k -> new CopyOnWriteArrayList<>())
              .add(call.context().step());
          return null;
        };
    JobDefinition job =
        JobDefinition.builder("three")
            .step("a", record)
            .step("b", record)
            .step("c", record)
            .build();
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ids.add(TestJobBuilder.named("three").enqueue(db.sql));
    }

    long steps =
        workers
            .builder(job)
            .concurrency(4)
            .prefetch(8)
            .completionBatch(50, Duration.ofMillis(50))
            .build()
            .runUntilEmpty();

    assertEquals(600, steps);
    assertEquals(200, StoredJobs.count(db.sql, "state = 'COMPLETE' AND next_step = 3"));
    for (UUID id : ids) {
      assertEquals(List.of("a", "b", "c"), seen.get(id));
    }
  }

  @Test
  void aLostClaimInABatchIsRefusedWhileTheOthersAreSaved() throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    AtomicInteger runs = new AtomicInteger();
    UUID kept = TestJobBuilder.named("held").enqueue(db.sql);
    UUID lost = TestJobBuilder.named("held").enqueue(db.sql);
    DbqWorker worker =
        workers.started(
            workers
                .builder(held("held", started, runs))
                .concurrency(2)
                .completionBatch(2, Duration.ofSeconds(1))
                .build());
    assertTrue(started.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    // as if the lease lapsed and another worker claimed the job meanwhile
    UUID thief = UUID.randomUUID();
    StoredJobs.execute(
        db.sql, "UPDATE dbq_job SET claim_id = '" + thief + "' WHERE id = '" + lost + "'");

    release.countDown();
    Await.until("kept saved", () -> StoredJobs.state(db.sql, kept) == JobState.COMPLETE, BOUND);
    worker.close();

    StoredJobs.Row row = StoredJobs.row(db.sql, lost);
    assertEquals(JobState.PROCESSING, row.state());
    assertEquals(thief, row.claimId());
    assertEquals("{}", row.workspace(), "the late result was not written");
  }

  @Test
  void aWorkerVacuumsTheQueueTableAfterTheConfiguredNumberOfClaims() throws Exception {
    JobDefinition job = JobDefinition.builder("quick").step("s", call -> null).build();
    for (int i = 0; i < 1200; i++) {
      TestJobBuilder.named("quick").enqueue(db.sql);
    }
    long before = vacuums();
    // the worker's VACUUM skips a table autovacuum or autoanalyze holds: keep them away
    StoredJobs.execute(db.sql, "ALTER TABLE dbq_job SET (autovacuum_enabled = false)");
    try {
      workers.builder(job).concurrency(4).prefetch(16).vacuumEvery(1000).build().runUntilEmpty();

      Await.until("a vacuum of dbq_job", () -> vacuums() > before, BOUND);
    } finally {
      StoredJobs.execute(db.sql, "ALTER TABLE dbq_job RESET (autovacuum_enabled)");
    }
  }

  private static long vacuums() throws Exception {
    try (Statement s = db.sql.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'dbq_job'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void rejectsBadBatchingSettingsWithTheirNameAndValue() {
    DbqWorker.Builder b =
        workers.builder(JobDefinition.builder("x").step("s", call -> null).build());
    assertEquals(
        "prefetch must be between 0 and 1000, was -1",
        assertThrows(IllegalArgumentException.class, () -> b.prefetch(-1).build()).getMessage());
    b.prefetch(0);
    assertEquals(
        "completion batch size must be between 1 and 1000, was 0",
        assertThrows(
                IllegalArgumentException.class, () -> b.completionBatch(0, Duration.ZERO).build())
            .getMessage());
    b.completionBatch(10, Duration.ZERO);
    assertEquals(
        "vacuumEvery must be 0 or at least 1000, was 10",
        assertThrows(IllegalArgumentException.class, () -> b.vacuumEvery(10).build()).getMessage());
    b.vacuumEvery(0);
    assertEquals(
        "completion flush delay must be between 0 and PT1S, was PT2S",
        assertThrows(
                IllegalArgumentException.class,
                () -> b.completionBatch(10, Duration.ofSeconds(2)).build())
            .getMessage());
  }
}
