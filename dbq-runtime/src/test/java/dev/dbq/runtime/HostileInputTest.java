package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.internal.WorkspaceLimits;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Absurd workspaces and rows edited by hand into nonsense: each fails with a clear error, nothing
 * bad is stored, and the worker carries on with the next job.
 */
class HostileInputTest {
  private static final JobDefinition JOB =
      JobDefinition.builder("plain")
          .step(
              "mark",
              call -> {
                call.context().workspace().put("ran", true);
                return null;
              })
          .build();
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();

  private static void drain(JobDefinition... jobs) throws Exception {
    DbqWorker.builder().dbq(db.dbq()).catalog(JobCatalog.of(jobs)).build().runUntilEmpty();
  }

  /** A JSON object of about {@code bytes} bytes. */
  private static Map<String, Object> blob(int bytes) {
    return Map.of("blob", "x".repeat(bytes));
  }

  @Test
  void anOversizedWorkspaceIsRefusedAtEnqueueNamingSizeAndLimitAndNothingIsInserted()
      throws Exception {
    WorkspaceException e =
        assertThrows(
            WorkspaceException.class,
            () ->
                TestJobBuilder.of(JOB).workspace(blob(Dbq.MAX_WORKSPACE_BYTES)).enqueue(db.dbq()));

    assertEquals(
        "workspace is "
            + (Dbq.MAX_WORKSPACE_BYTES + "{\"blob\":\"\"}".length())
            + " bytes of JSON, over the limit of 1048576 bytes (Dbq.MAX_WORKSPACE_BYTES); keep"
            + " bulk data elsewhere and store a reference",
        e.getMessage());
    assertEquals(0, StoredJobs.count(db.sql, "true"));
  }

  @Test
  void aWorkspaceJustUnderTheLimitIsAcceptedAndRuns() throws Exception {
    // a step that leaves the workspace as it is: it is stored again at exactly the limit
    JobDefinition idle = JobDefinition.builder("idle").step("nothing", call -> null).build();
    int fits = Dbq.MAX_WORKSPACE_BYTES - "{\"blob\":\"\"}".length();
    UUID id = TestJobBuilder.of(idle).workspace(blob(fits)).enqueue(db.dbq());

    drain(idle);

    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, id));
  }

  @Test
  void aStepReturningAnOversizedWorkspaceFailsTheJob() throws Exception {
    JobDefinition growing =
        JobDefinition.builder("growing")
            .step(
                "grow",
                call -> {
                  call.context().workspace().put("blob", "x".repeat(Dbq.MAX_WORKSPACE_BYTES));
                  return null;
                })
            .build();
    UUID id = TestJobBuilder.named("growing").enqueue(db.sql);

    drain(growing);

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.FAILED, row.state());
    assertTrue(row.lastError().contains("over the limit of 1048576 bytes"), row.lastError());
    assertEquals("{}", row.workspace());
  }

  @Test
  void anOversizedStoredRowFailsItsJobUnreadAndTheWorkerRunsTheNext() throws Exception {
    String huge = "{\"blob\": \"" + "x".repeat(WorkspaceLimits.MAX_STORED_BYTES) + "\"}";
    UUID absurd = StoredJobs.insertRefusedRow(db.sql, "plain", 5, huge);
    UUID fine = TestJobBuilder.named("plain").enqueue(db.sql);

    drain(JOB);

    StoredJobs.Row row = StoredJobs.row(db.sql, absurd);
    assertEquals(JobState.FAILED, row.state());
    assertEquals(
        "workspace of job 'plain' is "
            + huge.getBytes(StandardCharsets.UTF_8).length
            + " bytes as stored, over the limit of 2097152 bytes that the worker reads (twice"
            + " Dbq.MAX_WORKSPACE_BYTES)",
        row.lastError());
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, fine));
  }

  @Test
  void storedJsonNullStringOrNumberInsteadOfAnObjectFailsThatJobOnly() throws Exception {
    UUID isNull = StoredJobs.insertRefusedRow(db.sql, "plain", 5, "null");
    UUID isString = StoredJobs.insertRefusedRow(db.sql, "plain", 5, "\"text\"");
    UUID isNumber = StoredJobs.insertRefusedRow(db.sql, "plain", 5, "42");
    UUID fine = TestJobBuilder.named("plain").enqueue(db.sql);

    drain(JOB);

    assertFailed(isNull, "workspace of job 'plain' must be a JSON object, was null");
    assertFailed(isString, "workspace of job 'plain' must be a JSON object, was a string");
    assertFailed(isNumber, "workspace of job 'plain' must be a JSON object, was a number");
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, fine));
  }

  @Test
  void aStateTheCheckForbidsCannotBeStoredAtAll() throws Exception {
    UUID id = TestJobBuilder.named("plain").enqueue(db.sql);

    java.sql.SQLException e =
        assertThrows(
            java.sql.SQLException.class,
            () ->
                StoredJobs.execute(
                    db.sql, "UPDATE dbq_job SET state = 'EXPLODED' WHERE id = '" + id + "'"));

    assertEquals("23514", e.getSQLState()); // check_violation
    assertEquals(JobState.NEW, StoredJobs.state(db.sql, id));
  }

  @Test
  void utf8LengthCountsLikeTheEncoder() {
    for (String s : new String[] {"", "abc", "é", "€", "😀", "a😀é€z"}) {
      assertEquals(s.getBytes(StandardCharsets.UTF_8).length, WorkspaceLimits.utf8Length(s), s);
    }
  }

  private static void assertFailed(UUID id, String error) throws Exception {
    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.FAILED, row.state(), error);
    assertEquals(error, row.lastError());
  }
}
