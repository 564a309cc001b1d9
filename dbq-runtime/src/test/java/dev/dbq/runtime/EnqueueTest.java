package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Enqueuing through a {@link Dbq}, inside a caller's transaction, and many at once. */
class EnqueueTest {
  /** A record workspace. */
  public record Batch(String source, int size) {}

  /** A bean workspace. */
  public static final class Mailing {
    private String to;
    private List<String> tags = List.of();

    public Mailing() {}

    Mailing(String to, List<String> tags) {
      this.to = to;
      this.tags = tags;
    }

    public String getTo() {
      return to;
    }

    public void setTo(String to) {
      this.to = to;
    }

    public List<String> getTags() {
      return tags;
    }

    public void setTags(List<String> tags) {
      this.tags = tags;
    }
  }

  static final JobDefinition UNTYPED =
      JobDefinition.builder("send_report").step("send", Invocation::workspace).build();
  static final JobDefinition TYPED =
      JobDefinition.builder("import_cats")
          .queue("imports")
          .priority(3)
          .workspaceType(Batch.class)
          .step("fetch", Invocation::workspace)
          .build();
  static final JobDefinition BEAN =
      JobDefinition.builder("send_mailing")
          .workspaceType(Mailing.class)
          .step("send", Invocation::workspace)
          .build();

  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  @Test
  void untypedWorkspaceIsStoredAsItsJsonObject() {
    Map<String, Object> workspace = new LinkedHashMap<>();
    workspace.put("email", "ada@example.com");
    workspace.put("count", 2);
    UUID id = TestJobBuilder.of(UNTYPED).workspace(workspace).enqueue(db.dbq);

    JobInfo job = db.dbq.findJob(id).orElseThrow();
    assertEquals("send_report", job.name());
    assertEquals(JobState.NEW, job.state());
    assertEquals(0, job.nextStep());
    assertEquals(0, job.attempt());
    assertNull(job.lastError());
    assertEquals(
        "{\"count\": 2, \"email\": \"ada@example.com\"}",
        db.sql.value("SELECT workspace::text FROM dbq_job WHERE id = '" + id + "'"));
  }

  @Test
  void noWorkspaceIsStoredAsAnEmptyObject() {
    UUID id = TestJobBuilder.of(UNTYPED).enqueue(db.dbq);
    assertEquals("{}", db.dbq.findJob(id).orElseThrow().workspace());
  }

  @Test
  void recordWorkspaceIsStoredByItsComponents() {
    UUID id = TestJobBuilder.of(TYPED).workspace(new Batch("north", 12)).enqueue(db.dbq);
    assertEquals(
        "{\"size\": 12, \"source\": \"north\"}", db.dbq.findJob(id).orElseThrow().workspace());
  }

  @Test
  void beanWorkspaceIsStoredByItsProperties() {
    UUID id =
        TestJobBuilder.of(BEAN)
            .workspace(new Mailing("ada@example.com", List.of("a")))
            .enqueue(db.dbq);
    assertEquals(
        "{\"to\": \"ada@example.com\", \"tags\": [\"a\"]}",
        db.dbq.findJob(id).orElseThrow().workspace());
  }

  @Test
  void workspaceThatIsNotAJsonObjectIsRejectedBeforeAnythingIsWritten() {
    assertThrows(
        WorkspaceException.class,
        () -> TestJobBuilder.of(UNTYPED).workspace(List.of(1)).enqueue(db.dbq));
    assertThrows(
        WorkspaceException.class,
        () -> TestJobBuilder.of(UNTYPED).workspace("text").enqueue(db.dbq));
    assertEquals(0, db.sql.count("SELECT count(*) FROM dbq_job"));
  }

  @Test
  void workspaceOfAnotherTypeThanTheJobsIsRejected() {
    WorkspaceException e =
        assertThrows(
            WorkspaceException.class,
            () -> TestJobBuilder.of(TYPED).workspace(Map.of("source", "x")).enqueue(db.dbq));
    assertTrue(e.getMessage().contains(Batch.class.getName()), e.getMessage());
    assertEquals(0, db.sql.count("SELECT count(*) FROM dbq_job"));
  }

  @Test
  void queueAndPriorityDefaultToTheDefinitions() {
    JobInfo job =
        db.dbq
            .findJob(TestJobBuilder.of(TYPED).workspace(new Batch("north", 1)).enqueue(db.dbq))
            .orElseThrow();
    assertEquals("imports", job.queue());
    assertEquals(3, job.priority());
    assertNull(job.runAfter());

    JobInfo plain = db.dbq.findJob(TestJobBuilder.of(UNTYPED).enqueue(db.dbq)).orElseThrow();
    assertEquals("default", plain.queue());
    assertEquals(0, plain.priority());
  }

  @Test
  void queueAndPriorityCanBeOverridden() {
    UUID id =
        TestJobBuilder.of(TYPED)
            .workspace(new Batch("north", 1))
            .queue("urgent")
            .priority(-32768)
            .enqueue(db.dbq);
    JobInfo job = db.dbq.findJob(id).orElseThrow();
    assertEquals("urgent", job.queue());
    assertEquals(-32768, job.priority());
  }

  @Test
  void runAfterAnInstantIsStoredToTheMicrosecond() {
    Instant at = Instant.parse("2030-01-02T03:04:05.123456789Z");
    UUID id = TestJobBuilder.of(UNTYPED).runAfter(at).enqueue(db.dbq);
    assertEquals(at.truncatedTo(ChronoUnit.MICROS), db.dbq.findJob(id).orElseThrow().runAfter());
  }

  @Test
  void runAfterADelayCountsFromTheDatabaseClock() {
    UUID id = TestJobBuilder.of(UNTYPED).runAfter(Duration.ofHours(2)).enqueue(db.dbq);
    // run_after - created is the delay, up to the microseconds between two clock readings
    String where = " FROM dbq_job WHERE id = '" + id + "'";
    assertEquals(
        "t",
        db.sql.value(
            "SELECT run_after - created BETWEEN interval '1 hour 59 minutes 59 seconds'"
                + " AND interval '2 hours 1 second'"
                + where));
    assertEquals("t", db.sql.value("SELECT run_after > now() + interval '1 hour'" + where));
  }

  @Test
  void idsAreFreshUuids() {
    UUID a = TestJobBuilder.of(UNTYPED).enqueue(db.dbq);
    UUID b = TestJobBuilder.of(UNTYPED).enqueue(db.dbq);
    assertFalse(a.equals(b));
    assertEquals(4, a.version());
  }

  @Test
  void enqueueWithoutADefaultSaysHowToSetOne() {
    Dbq.setDefault(null);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> TestJobBuilder.of(UNTYPED).enqueue());
    assertTrue(e.getMessage().contains("Dbq.setDefault"), e.getMessage());
  }

  @Test
  void enqueueWithoutArgumentsUsesTheDefault() {
    Dbq.setDefault(db.dbq);
    try {
      UUID id = TestJobBuilder.of(UNTYPED).enqueue();
      assertTrue(db.dbq.findJob(id).isPresent());
      assertEquals(db.dbq, Dbq.getDefault());
    } finally {
      Dbq.setDefault(null);
    }
  }

  @Test
  void inTheCallersTransactionARollbackLeavesNoJob() throws Exception {
    UUID id;
    try (Connection c = db.database.connect()) {
      c.setAutoCommit(false);
      id = TestJobBuilder.of(UNTYPED).enqueue(c);
      try (var s = c.createStatement();
          var rs = s.executeQuery("SELECT count(*) FROM dbq_job WHERE id = '" + id + "'")) {
        rs.next();
        assertEquals(1, rs.getInt(1), "visible inside the transaction");
      }
      assertEquals(0, db.sql.count("SELECT count(*) FROM dbq_job"), "invisible outside it");
      c.rollback();
    }
    assertTrue(db.dbq.findJob(id).isEmpty());
  }

  @Test
  void inTheCallersTransactionACommitMakesTheJobVisible() throws Exception {
    UUID id;
    try (Connection c = db.database.connect()) {
      c.setAutoCommit(false);
      id = TestJobBuilder.of(UNTYPED).enqueue(c);
      assertTrue(db.dbq.findJob(id).isEmpty());
      c.commit();
    }
    assertTrue(db.dbq.findJob(id).isPresent());
  }

  @Test
  void theCallersConnectionIsLeftOpenUncommittedAndInItsMode() throws Exception {
    try (Connection c = db.database.connect()) {
      c.setAutoCommit(false);
      TestJobBuilder.of(UNTYPED).enqueue(c);
      Dbq.enqueueAll(c, List.of(TestJobBuilder.of(UNTYPED)));
      assertFalse(c.isClosed());
      assertFalse(c.getAutoCommit());
      assertEquals(0, db.sql.count("SELECT count(*) FROM dbq_job"));
      c.rollback();
    }
    try (Connection c = db.database.connect()) {
      assertTrue(c.getAutoCommit());
      TestJobBuilder.of(UNTYPED).enqueue(c);
      assertTrue(c.getAutoCommit());
      assertEquals(1, db.sql.count("SELECT count(*) FROM dbq_job"), "auto-commit commits at once");
    }
  }

  @Test
  void aFailedInsertIsADbqExceptionSayingWhatWasBeingDone() throws Exception {
    try (Connection c = db.database.connect()) {
      c.setAutoCommit(false);
      try (var s = c.createStatement()) {
        s.execute("SELECT 1 / 0");
      } catch (java.sql.SQLException expected) {
        // the transaction is now aborted: the insert that follows fails
      }
      DbqException e =
          assertThrows(DbqException.class, () -> TestJobBuilder.of(UNTYPED).enqueue(c));
      assertTrue(e.getMessage().startsWith("cannot enqueue job 'send_report': "), e.getMessage());
      assertTrue(e.getCause() instanceof java.sql.SQLException);
      c.rollback();
    }
  }

  @Test
  void anInsertOnALostConnectionFailsWithTheLossNotWithTheRestoreAfterIt() throws Exception {
    Dbq lost = Dbq.create(new LostConnections(db.database));
    DbqException e =
        assertThrows(DbqException.class, () -> TestJobBuilder.of(UNTYPED).enqueue(lost));
    // once the server is gone, putting the connection's auto-commit back fails too ("This
    // connection has been closed."); that must not hide why the insert failed
    assertTrue(
        e.getMessage().startsWith("cannot enqueue job 'send_report': ")
            && !e.getMessage().contains("closed"),
        e.getMessage());
    // the loss itself: a connection failure (08...) or the server's farewell (57P01)
    String state = ((SQLException) e.getCause()).getSQLState();
    assertTrue(state.startsWith("08") || state.equals("57P01"), state + ": " + e.getMessage());
    assertEquals(0, db.sql.count("SELECT count(*) FROM dbq_job"));
  }
}
