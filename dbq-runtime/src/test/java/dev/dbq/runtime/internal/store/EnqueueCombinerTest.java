package dev.dbq.runtime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.Await;
import dev.dbq.runtime.Invocation;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.MigratedDatabase;
import dev.dbq.runtime.TestJobBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Concurrent small enqueues share statements against the real database: the first caller's insert
 * is held at a gate until the others have queued, so the sharing is deterministic.
 */
class EnqueueCombinerTest {
  private static final JobDefinition JOB =
      JobDefinition.builder("shared").step("run", Invocation::workspace).build();
  private static final Duration BOUND = Duration.ofSeconds(10);

  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  /** The size of each statement the combiner ran, in order. */
  private final List<Integer> statements = Collections.synchronizedList(new ArrayList<>());

  private final CountDownLatch atGate = new CountDownLatch(1);
  private final CountDownLatch gate = new CountDownLatch(1);
  private ExecutorService callers;

  @BeforeEach
  void setUp() {
    callers = Executors.newCachedThreadPool();
  }

  @AfterEach
  void tearDown() {
    gate.countDown();
    callers.shutdownNow();
  }

  /** Inserts for real, one statement and one commit per call; the first call waits at the gate. */
  private EnqueueCombiner combiner() {
    return new EnqueueCombiner(
        jobs -> {
          if (statements.isEmpty()) {
            awaitGate();
          }
          statements.add(jobs.size());
          try (Connection c = db.database.connect()) {
            JobStore.insert(c, jobs, false);
          }
        });
  }

  private void awaitGate() {
    atGate.countDown();
    try {
      assertTrue(gate.await(BOUND.toSeconds(), TimeUnit.SECONDS), "the test opens the gate");
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static NewJob job(String workspaceJson) {
    return new NewJob(UUID.randomUUID(), "shared", "default", 0, workspaceJson, null, null);
  }

  private static NewJob job() {
    return job("{}");
  }

  /** Starts a caller; its future holds the failure, or null when its jobs were committed. */
  private Future<SQLException> call(EnqueueCombiner combiner, List<NewJob> jobs) {
    return callers.submit(
        () -> {
          try {
            combiner.insert(jobs);
            return null;
          } catch (SQLException e) {
            return e;
          }
        });
  }

  private static boolean stored(NewJob job) {
    return db.sql.count("SELECT count(*) FROM dbq_job WHERE id = '" + job.id() + "'") == 1;
  }

  /** Starts the gated first caller, then the others in order, each after the last has queued. */
  private List<Future<SQLException>> gatedRound(
      EnqueueCombiner combiner, NewJob first, List<List<NewJob>> others) throws Exception {
    List<Future<SQLException>> results = new ArrayList<>();
    results.add(call(combiner, List.of(first)));
    awaitFirstAtGate();
    // one at a time: callers on pool threads would otherwise reach the queue in any order
    for (List<NewJob> jobs : others) {
      int ahead = combiner.queuedCallers();
      results.add(call(combiner, jobs));
      Await.until("the next caller has queued", () -> combiner.queuedCallers() == ahead + 1, BOUND);
    }
    gate.countDown();
    return results;
  }

  /** Waits until the first caller's statement is held at the gate. */
  private void awaitFirstAtGate() throws InterruptedException {
    assertTrue(atGate.await(BOUND.toSeconds(), TimeUnit.SECONDS), "the first caller inserts");
  }

  @Test
  void aLoneCallerInsertsAtOnceInAStatementOfItsOwn() throws Exception {
    gate.countDown();
    NewJob alone = job();

    combiner().insert(List.of(alone));

    assertEquals(List.of(1), statements);
    assertTrue(stored(alone));
  }

  @Test
  void callersArrivingDuringAnInsertShareTheNextStatement() throws Exception {
    EnqueueCombiner combiner = combiner();
    NewJob first = job();
    List<NewJob> others = List.of(job(), job(), job(), job(), job());
    List<List<NewJob>> requests = new ArrayList<>();
    for (NewJob j : others) {
      requests.add(List.of(j));
    }

    for (Future<SQLException> result : gatedRound(combiner, first, requests)) {
      assertNull(result.get(BOUND.toSeconds(), TimeUnit.SECONDS));
    }

    assertEquals(List.of(1, 5), statements, "five waiting callers, one statement");
    assertTrue(stored(first));
    for (NewJob j : others) {
      assertTrue(stored(j), "every caller's job is committed when its call returns");
    }
  }

  @Test
  void aCallersJobsStayTogetherAndInOrder() throws Exception {
    EnqueueCombiner combiner = combiner();
    List<NewJob> three = List.of(job("{\"n\":1}"), job("{\"n\":2}"), job("{\"n\":3}"));
    List<NewJob> two = List.of(job("{\"n\":4}"), job("{\"n\":5}"));

    for (Future<SQLException> result : gatedRound(combiner, job(), List.of(three, two))) {
      assertNull(result.get(BOUND.toSeconds(), TimeUnit.SECONDS));
    }

    assertEquals(List.of(1, 5), statements);
    List<String> bySeq = db.sql.column("SELECT workspace->>'n' FROM dbq_job ORDER BY seq");
    assertEquals(List.of("1", "2", "3", "4", "5"), bySeq.subList(1, 6));
  }

  @Test
  void aJobTheDatabaseRefusesFailsOnlyItsOwnCaller() throws Exception {
    EnqueueCombiner combiner = combiner();
    NewJob good1 = job();
    // jsonb refuses the NUL character (SQLSTATE 22P05), which JSON itself allows
    NewJob refused = job("{\"s\":\"\\u0000\"}");
    NewJob good2 = job();

    List<Future<SQLException>> results =
        gatedRound(combiner, job(), List.of(List.of(good1), List.of(refused), List.of(good2)));

    assertNull(results.get(1).get(BOUND.toSeconds(), TimeUnit.SECONDS));
    SQLException failure = results.get(2).get(BOUND.toSeconds(), TimeUnit.SECONDS);
    assertEquals("22P05", failure == null ? null : failure.getSQLState());
    assertNull(results.get(3).get(BOUND.toSeconds(), TimeUnit.SECONDS));
    assertEquals(List.of(1, 3, 1, 1, 1), statements, "the shared statement, then each alone");
    assertTrue(stored(good1));
    assertTrue(stored(good2));
    assertEquals(0, db.sql.count("SELECT count(*) FROM dbq_job WHERE id = '" + refused.id() + "'"));
  }

  @Test
  void aStatementFailingAsAWholeFailsEveryCallerInItWithoutRetries() throws Exception {
    EnqueueCombiner combiner = combiner();
    NewJob first = job();
    List<List<NewJob>> others = List.of(List.of(job()), List.of(job()));
    List<Future<SQLException>> results;
    // the first statement runs before the table goes; the shared one finds it gone (42P01)
    db.sql.execute("ALTER TABLE dbq_job RENAME TO dbq_job_away");
    try {
      results = new ArrayList<>();
      results.add(call(combiner, List.of(first)));
      awaitFirstAtGate();
      for (List<NewJob> jobs : others) {
        results.add(call(combiner, jobs));
      }
      Await.until("the others have queued", () -> combiner.queuedCallers() == 2, BOUND);
      gate.countDown();
      for (Future<SQLException> result : results) {
        SQLException failure = result.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertEquals("42P01", failure == null ? null : failure.getSQLState());
      }
    } finally {
      db.sql.execute("ALTER TABLE dbq_job_away RENAME TO dbq_job");
    }
    assertEquals(List.of(1, 2), statements, "no retry of each caller when the table is gone");
  }

  @Test
  void anInterruptedWaitingCallerStillLearnsItsOutcomeAndKeepsTheInterrupt() throws Exception {
    EnqueueCombiner combiner = combiner();
    NewJob waiting = job();
    CountDownLatch queuedUp = new CountDownLatch(1);
    Future<?> first = call(combiner, List.of(job()));
    awaitFirstAtGate();
    Thread[] waiter = new Thread[1];
    Future<Boolean> interruptedAfter =
        callers.submit(
            () -> {
              waiter[0] = Thread.currentThread();
              queuedUp.countDown();
              combiner.insert(List.of(waiting));
              return Thread.currentThread().isInterrupted();
            });
    assertTrue(queuedUp.await(BOUND.toSeconds(), TimeUnit.SECONDS));
    Await.until("the caller has queued", () -> combiner.queuedCallers() == 1, BOUND);
    waiter[0].interrupt();
    gate.countDown();

    assertTrue(interruptedAfter.get(BOUND.toSeconds(), TimeUnit.SECONDS));
    first.get(BOUND.toSeconds(), TimeUnit.SECONDS);
    assertTrue(stored(waiting), "the interrupt did not abandon the committed job");
  }

  @Test
  void threadsEnqueuingTogetherThroughDbqKeepEachThreadsOrder() throws Exception {
    gate.countDown();
    int threads = 8;
    int perThread = 40;
    List<Future<List<UUID>>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(
          callers.submit(
              () -> {
                List<UUID> ids = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                  UUID id =
                      TestJobBuilder.of(JOB).workspace(Map.of("t", thread, "i", i)).enqueue(db.dbq);
                  assertTrue(db.dbq.findJob(id).isPresent(), "committed when enqueue returns");
                  ids.add(id);
                }
                return ids;
              }));
    }
    for (int t = 0; t < threads; t++) {
      List<UUID> ids = done.get(t).get(60, TimeUnit.SECONDS);
      List<String> bySeq =
          db.sql.column("SELECT id FROM dbq_job WHERE workspace->>'t' = '" + t + "' ORDER BY seq");
      assertEquals(ids.stream().map(UUID::toString).toList(), bySeq);
    }
    assertEquals(threads * perThread, db.sql.count("SELECT count(*) FROM dbq_job"));
  }
}
