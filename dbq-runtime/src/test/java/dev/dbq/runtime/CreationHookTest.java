package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The creation hook: runs in the enqueuing process, before the insert, and may edit the job. */
class CreationHookTest {
  /** A typed workspace. */
  public record Batch(String source, int size) {}

  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  private static JobDefinition.Builder job(String name) {
    return JobDefinition.builder(name)
        .step("first", Invocation::workspace)
        .step("second", c -> null);
  }

  @Test
  void runsBeforeTheInsertWithTheJobsContext() {
    AtomicReference<JobContext> seen = new AtomicReference<>();
    AtomicReference<Long> rowsWhenRun = new AtomicReference<>();
    JobDefinition definition =
        job("hooked")
            .maxAttempts(3)
            .creationHook(
                call -> {
                  seen.set(call.context());
                  rowsWhenRun.set(db.sql.count("SELECT count(*) FROM dbq_job"));
                  return call.workspace();
                })
            .build();

    UUID id = TestJobBuilder.of(definition).queue("q1").priority(7).enqueue(db.dbq);

    JobContext context = seen.get();
    assertEquals(0L, rowsWhenRun.get(), "the hook ran before the insert");
    assertEquals(id, context.id());
    assertEquals("hooked", context.name());
    assertEquals("q1", context.queue());
    assertEquals(7, context.priority());
    assertEquals("first", context.step());
    assertEquals(0, context.stepIndex());
    assertEquals(1, context.attempt());
    assertEquals(3, context.maxAttempts());
  }

  @Test
  void mayMutateTheUntypedWorkspaceMapWhichIsAlsoOnTheContext() {
    JobDefinition definition =
        job("mutating")
            .creationHook(
                call -> {
                  assertSame(call.workspace(), call.context().workspace());
                  call.context().workspace().put("added", true);
                  return call.workspace();
                })
            .build();
    Map<String, Object> given = new HashMap<>(Map.of("source", "x"));

    UUID id = TestJobBuilder.of(definition).workspace(given).enqueue(db.dbq);

    assertEquals(
        "{\"added\": true, \"source\": \"x\"}", db.dbq.findJob(id).orElseThrow().workspace());
    assertEquals(Map.of("source", "x"), given, "the caller's map is left alone");
  }

  @Test
  void mayReturnAReplacementTypedWorkspace() {
    JobDefinition definition =
        job("replacing")
            .workspaceType(Batch.class)
            .creationHook(
                call -> {
                  Batch b = call.workspace(Batch.class);
                  return new Batch(b.source().strip().toLowerCase(), b.size());
                })
            .build();

    UUID id = TestJobBuilder.of(definition).workspace(new Batch("  North ", 4)).enqueue(db.dbq);

    assertEquals(
        "{\"size\": 4, \"source\": \"north\"}", db.dbq.findJob(id).orElseThrow().workspace());
  }

  @Test
  void mayReturnAReplacementUntypedMap() {
    JobDefinition definition =
        job("replacing_map").creationHook(call -> Map.of("replaced", 1)).build();

    UUID id = TestJobBuilder.of(definition).workspace(Map.of("old", 0)).enqueue(db.dbq);

    assertEquals("{\"replaced\": 1}", db.dbq.findJob(id).orElseThrow().workspace());
  }

  @Test
  void aReturnedWorkspaceThatIsNotAJsonObjectInsertsNothing() {
    JobDefinition definition = job("bad_return").creationHook(call -> "text").build();

    assertThrows(WorkspaceException.class, () -> TestJobBuilder.of(definition).enqueue(db.dbq));
    assertEquals(0, db.sql.count("SELECT count(*) FROM dbq_job"));
  }

  @Test
  void anUncheckedExceptionInsertsNothingAndReachesTheCallerUnchanged() {
    IllegalStateException thrown = new IllegalStateException("no cats today");
    JobDefinition definition =
        job("refusing")
            .creationHook(
                call -> {
                  throw thrown;
                })
            .build();

    IllegalStateException caught =
        assertThrows(
            IllegalStateException.class, () -> TestJobBuilder.of(definition).enqueue(db.dbq));
    assertSame(thrown, caught);
    assertEquals(0, db.sql.count("SELECT count(*) FROM dbq_job"));
  }

  @Test
  void aCheckedExceptionInsertsNothingAndIsTheCauseOfACreationHookException() {
    IOException thrown = new IOException("disk full");
    JobDefinition definition =
        job("refusing_checked")
            .creationHook(
                call -> {
                  throw thrown;
                })
            .build();

    CreationHookException caught =
        assertThrows(
            CreationHookException.class, () -> TestJobBuilder.of(definition).enqueue(db.dbq));
    assertSame(thrown, caught.getCause());
    assertTrue(caught.getMessage().contains("refusing_checked"), caught.getMessage());
    assertEquals(0, db.sql.count("SELECT count(*) FROM dbq_job"));
  }

  @Test
  void aThrowingHookInABatchInsertsNoneOfTheBatch() {
    AtomicInteger calls = new AtomicInteger();
    JobDefinition definition =
        job("third_refuses")
            .creationHook(
                call -> {
                  if (calls.incrementAndGet() == 3) {
                    throw new IllegalArgumentException("third");
                  }
                  return call.workspace();
                })
            .build();
    List<TestJobBuilder> jobs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      jobs.add(TestJobBuilder.of(definition));
    }

    assertThrows(IllegalArgumentException.class, () -> db.dbq.enqueueAll(jobs));
    assertEquals(0, db.sql.count("SELECT count(*) FROM dbq_job"));
  }

  @Test
  void runsOnlyOnCreateNeverOnReads() {
    AtomicInteger calls = new AtomicInteger();
    JobDefinition definition =
        job("counted")
            .creationHook(
                call -> {
                  calls.incrementAndGet();
                  return null;
                })
            .build();

    UUID id = TestJobBuilder.of(definition).enqueue(db.dbq);
    db.dbq.findJob(id);
    db.dbq.queueDepths();
    db.dbq.countByState();

    assertEquals(1, calls.get());
  }

  @Test
  void aTypedJobEnqueuedWithoutAWorkspaceNeverReachesTheHook() {
    AtomicReference<Object> seen = new AtomicReference<>("unset");
    JobDefinition definition =
        job("typed_empty")
            .workspaceType(Batch.class)
            .creationHook(
                call -> {
                  seen.set(call.workspace());
                  return null;
                })
            .build();

    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> TestJobBuilder.of(definition).enqueue(db.dbq));

    assertEquals(
        "job 'typed_empty' needs a workspace of type "
            + Batch.class.getCanonicalName()
            + "; call .workspace(...) before enqueue",
        refused.getMessage());
    assertEquals("unset", seen.get());
    assertEquals("0", db.sql.value("SELECT count(*) FROM dbq_job"));
  }
}
