package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The runtime's tracing hook: an {@link EnqueueInterceptor}'s trace context is stored with each job
 * on every enqueue path and reaches the worker's listeners in {@link
 * DbqEvent.StepStarted#traceContext()}; without one the column stays NULL; a broken one breaks
 * nothing.
 */
class EnqueueInterceptorTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();

  private static final JobDefinition PLAIN =
      JobDefinition.builder("plain").step("a", call -> null).step("b", call -> null).build();
  private static final JobDefinition HOOKED =
      JobDefinition.builder("hooked")
          .creationHook(
              call -> {
                call.context().workspace().put("hooked", true);
                return null;
              })
          .step("only", call -> null)
          .build();
  private static final JobDefinition UNIQUE =
      JobDefinition.builder("unique_traced")
          .unique(Uniqueness.byName())
          .step("only", call -> null)
          .build();

  /** Gives job i the field {@code traceparent=tp-<id>} and records what it was told. */
  static final class Recording implements EnqueueInterceptor {
    final List<List<DbqEvent.EnqueuedJob>> enqueues =
        Collections.synchronizedList(new ArrayList<>());
    final List<Boolean> inTransaction = Collections.synchronizedList(new ArrayList<>());
    final List<Throwable> ends = Collections.synchronizedList(new ArrayList<>());
    int ended;

    @Override
    public Enqueue enqueuing(List<DbqEvent.EnqueuedJob> jobs, boolean inCallersTransaction) {
      enqueues.add(jobs);
      inTransaction.add(inCallersTransaction);
      return new Enqueue() {
        @Override
        public Map<String, String> traceContext(int index) {
          return Map.of("traceparent", "tp-" + jobs.get(index).job().id());
        }

        @Override
        public void ended(Throwable failure) {
          synchronized (Recording.this) {
            ended++;
          }
          ends.add(failure);
        }
      };
    }
  }

  private static String stored(UUID id) throws SQLException {
    try (PreparedStatement s =
        db.sql.prepareStatement("SELECT trace_context::text FROM dbq_job WHERE id = ?")) {
      s.setObject(1, id);
      try (ResultSet rs = s.executeQuery()) {
        assertTrue(rs.next(), "job " + id + " exists");
        return rs.getString(1);
      }
    }
  }

  private static String traceparent(UUID id) throws SQLException {
    try (PreparedStatement s =
        db.sql.prepareStatement("SELECT trace_context->>'traceparent' FROM dbq_job WHERE id = ?")) {
      s.setObject(1, id);
      try (ResultSet rs = s.executeQuery()) {
        assertTrue(rs.next());
        return rs.getString(1);
      }
    }
  }

  @Test
  void withoutAnInterceptorTheTraceContextStaysNull() throws Exception {
    Dbq dbq = db.dbq();
    UUID single = TestJobBuilder.of(PLAIN).enqueue(dbq);
    List<UUID> batch = dbq.enqueueAll(List.of(TestJobBuilder.of(PLAIN), TestJobBuilder.of(HOOKED)));

    assertNull(stored(single));
    for (UUID id : batch) {
      assertNull(stored(id));
    }
  }

  @Test
  void singleBatchAndHookedEnqueuesStoreEachJobsOwnTraceContext() throws Exception {
    Recording recording = new Recording();
    Dbq dbq = db.dbq().addEnqueueInterceptor(recording);

    UUID single = TestJobBuilder.of(PLAIN).enqueue(dbq);
    UUID hooked = TestJobBuilder.of(HOOKED).enqueue(dbq);
    List<UUID> batch =
        dbq.enqueueAll(
            List.of(TestJobBuilder.of(PLAIN), TestJobBuilder.of(HOOKED), TestJobBuilder.of(PLAIN)));

    for (UUID id : List.of(single, hooked, batch.get(0), batch.get(1), batch.get(2))) {
      assertEquals("tp-" + id, traceparent(id));
    }
    assertEquals(3, recording.enqueues.size(), "once per enqueue call");
    assertEquals(
        batch, recording.enqueues.get(2).stream().map(j -> j.job().id()).toList(), "in order");
    assertEquals(List.of(false, false, false), recording.inTransaction);
    assertEquals(3, recording.ended);
    assertTrue(recording.ends.stream().allMatch(f -> f == null), "every statement wrote");
  }

  @Test
  void aUniqueJobsTraceContextIsStoredAndItsDuplicateWritesNone() throws Exception {
    Recording recording = new Recording();
    Dbq dbq = db.dbq().addEnqueueInterceptor(recording);

    List<EnqueueResult> results =
        dbq.submitAll(
            List.of(
                TestJobBuilder.of(UNIQUE), TestJobBuilder.of(PLAIN), TestJobBuilder.of(UNIQUE)));

    UUID unique = results.get(0).id();
    assertEquals("tp-" + unique, traceparent(unique), "written by the unique jobs' insert");
    assertEquals("tp-" + results.get(1).id(), traceparent(results.get(1).id()));
    assertTrue(results.get(2).duplicate());
    assertEquals(unique, results.get(2).id(), "the duplicate is answered with the job it hit");
  }

  @Test
  void anEnqueueInTheCallersTransactionUsesTheDefaultDbqsInterceptors() throws Exception {
    Recording recording = new Recording();
    Dbq dbq = db.dbq().addEnqueueInterceptor(recording);
    Dbq.setDefault(dbq);
    try (Connection c = db.pool.getConnection()) {
      c.setAutoCommit(false);
      UUID id = TestJobBuilder.of(PLAIN).enqueue(c);
      List<UUID> batch =
          Dbq.enqueueAll(c, List.of(TestJobBuilder.of(HOOKED), TestJobBuilder.of(PLAIN)));
      c.commit();

      assertEquals("tp-" + id, traceparent(id));
      assertEquals("tp-" + batch.get(1), traceparent(batch.get(1)));
      assertEquals(List.of(true, true), recording.inTransaction);
    } finally {
      Dbq.setDefault(null);
    }
  }

  @Test
  void aFailedStatementIsToldToTheInterceptorAndReachesTheCaller() throws Exception {
    Recording recording = new Recording();
    Dbq dbq = db.dbq().addEnqueueInterceptor(recording);
    Dbq.setDefault(dbq);
    try (Connection c = db.pool.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        // an aborted transaction refuses every later statement
        assertThrows(SQLException.class, () -> s.execute("SELECT 1 / 0"));
      }
      DbqException thrown =
          assertThrows(DbqException.class, () -> TestJobBuilder.of(PLAIN).enqueue(c));
      c.rollback();

      assertEquals(1, recording.ends.size());
      assertSame(thrown, recording.ends.get(0));
    } finally {
      Dbq.setDefault(null);
    }
  }

  @Test
  void aThrowingOrOversizedInterceptorLeavesTheJobWrittenWithoutItsContext() throws Exception {
    Dbq dbq =
        db.dbq()
            .addEnqueueInterceptor(
                (jobs, inTx) -> {
                  throw new IllegalStateException("interceptor bug");
                });
    UUID afterThrow = TestJobBuilder.of(PLAIN).enqueue(dbq);
    assertNull(stored(afterThrow));

    Dbq oversized =
        db.dbq()
            .addEnqueueInterceptor(
                (jobs, inTx) ->
                    new EnqueueInterceptor.Enqueue() {
                      @Override
                      public Map<String, String> traceContext(int index) {
                        return Map.of(
                            "tracestate", "x".repeat(EnqueueInterceptor.MAX_TRACE_CONTEXT_CHARS));
                      }
                    });
    UUID tooLarge = TestJobBuilder.of(PLAIN).enqueue(oversized);
    assertNull(stored(tooLarge));

    Dbq nul =
        db.dbq()
            .addEnqueueInterceptor(
                (jobs, inTx) ->
                    new EnqueueInterceptor.Enqueue() {
                      @Override
                      public Map<String, String> traceContext(int index) {
                        return Map.of("traceparent", "a\u0000b");
                      }
                    });
    UUID withNul = TestJobBuilder.of(PLAIN).enqueue(nul);
    assertNull(stored(withNul), "jsonb refuses \\u0000: the job is written without the context");
  }

  @Test
  void theWorkerHandsTheStoredContextToItsListenersAtEachStepStart() throws Exception {
    Dbq dbq = db.dbq().addEnqueueInterceptor(new Recording());
    UUID traced = TestJobBuilder.of(PLAIN).enqueue(dbq);
    UUID untraced = TestJobBuilder.of(PLAIN).enqueue(db.dbq());
    WorkerEventsTest.Recorder recorder = new WorkerEventsTest.Recorder();
    DbqWorker worker =
        DbqWorker.builder().dbq(dbq).catalog(JobCatalog.of(PLAIN)).listener(recorder).build();

    assertEquals(4, worker.runUntilEmpty());

    List<DbqEvent.StepStarted> starts = recorder.of(DbqEvent.StepStarted.class);
    assertEquals(4, starts.size());
    for (DbqEvent.StepStarted start : starts) {
      UUID id = start.run().job().id();
      Map<String, String> expected =
          id.equals(traced) ? Map.of("traceparent", "tp-" + traced) : Map.of();
      assertEquals(expected, start.traceContext(), "step " + start.run().stepIndex() + " of " + id);
    }
    assertEquals(
        2, starts.stream().filter(s -> s.run().job().id().equals(untraced)).count(), "both steps");
  }
}
