package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path through the public API: a job enqueued inside the caller's transaction reaches an
 * idle worker only when that transaction commits, and then within a bound far below the poll
 * interval (the wake-up is the NOTIFY sent in the enqueuing transaction, not polling).
 */
class EnqueueToWorkerTest {
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(60);
  private static final Set<Object> SEEN = ConcurrentHashMap.newKeySet();
  private static final JobDefinition GREET =
      JobDefinition.builder("greet")
          .step(
              "greet",
              call -> {
                SEEN.add(call.context().workspace().get("who"));
                return call.workspace();
              })
          .build();

  private static TestDatabase database;
  private static Dbq dbq;

  @BeforeAll
  static void start() {
    database = TestDatabase.create();
    dbq = Dbq.connect(database.url());
    dbq.migrate();
  }

  @AfterAll
  static void stop() {
    dbq.close();
    database.close();
  }

  @Test
  void aRolledBackEnqueueLeavesNoJobAndACommittedOneWakesTheIdleWorker() throws Exception {
    try (DbqWorker worker =
        DbqWorker.builder()
            .dbq(dbq)
            .catalog(JobCatalog.of(GREET))
            .pollInterval(POLL_INTERVAL)
            .build()) {
      worker.start();
      // what a user sees: a commit makes the job run long before the 60 s poll (whether the
      // NOTIFY or the worker's start-up claim finds it); WorkerLifecycleTest proves the wake-up
      // by notification alone, this test the path through Dbq and JobBuilder
      UUID rolledBack;
      try (Connection c = dbq.dataSource().getConnection()) {
        c.setAutoCommit(false);
        rolledBack = TestJobBuilder.of(GREET).workspace(Map.of("who", "nobody")).enqueue(c);
        c.rollback();
      }
      assertTrue(dbq.findJob(rolledBack).isEmpty(), "a rolled-back enqueue leaves no job");

      UUID committed;
      long committedAt;
      try (Connection c = dbq.dataSource().getConnection()) {
        c.setAutoCommit(false);
        committed = TestJobBuilder.of(GREET).workspace(Map.of("who", "ada")).enqueue(c);
        c.commit();
        committedAt = System.nanoTime();
      }

      Await.until(
          "the committed job completes",
          () -> dbq.findJob(committed).map(j -> j.state() == JobState.COMPLETE).orElse(false),
          Duration.ofSeconds(10));
      Duration waited = Duration.ofNanos(System.nanoTime() - committedAt);
      assertTrue(
          waited.compareTo(POLL_INTERVAL.dividedBy(6)) < 0,
          "woken by NOTIFY, not by the poll: " + waited.toMillis() + " ms");
      assertEquals(Set.of("ada"), SEEN);
    }
  }
}
