package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many jobs in one statement, in the given order. */
class EnqueueAllTest {
  private static final JobDefinition JOB =
      JobDefinition.builder("batch_job").step("run", Invocation::workspace).build();

  private static TestDatabase database;
  private static Dbq dbq;
  private static Sql sql;

  @BeforeAll
  static void start() {
    database = TestDatabase.create();
    dbq = Dbq.connect(database.url());
    dbq.migrate();
    sql = new Sql(database);
    // counts INSERT statements on dbq_job, whatever the number of rows each inserts
    sql.execute("CREATE TABLE insert_statements (n integer NOT NULL)");
    sql.execute(
        "CREATE FUNCTION count_insert() RETURNS trigger LANGUAGE plpgsql AS"
            + " $$ BEGIN INSERT INTO insert_statements VALUES (1); RETURN NULL; END $$");
    sql.execute(
        "CREATE TRIGGER count_insert AFTER INSERT ON dbq_job"
            + " FOR EACH STATEMENT EXECUTE FUNCTION count_insert()");
  }

  @AfterAll
  static void stop() {
    dbq.close();
    database.close();
  }

  @BeforeEach
  void empty() {
    sql.execute("DELETE FROM dbq_job");
    sql.execute("DELETE FROM insert_statements");
  }

  private static List<TestJobBuilder> numbered(int count) {
    List<TestJobBuilder> jobs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      jobs.add(TestJobBuilder.of(JOB).workspace(Map.of("n", i)));
    }
    return jobs;
  }

  private static List<String> idsBySeq() {
    return sql.column("SELECT id FROM dbq_job ORDER BY seq");
  }

  private static List<String> strings(List<UUID> ids) {
    return ids.stream().map(UUID::toString).toList();
  }

  @Test
  void insertsAllInOneStatementAndReturnsIdsInTheGivenOrder() {
    List<UUID> ids = dbq.enqueueAll(numbered(50));

    assertEquals(50, ids.size());
    assertEquals(1, sql.count("SELECT count(*) FROM insert_statements"));
    assertEquals(strings(ids), idsBySeq(), "seq follows the given order");
    for (int i = 0; i < 50; i++) {
      assertEquals(
          String.valueOf(i),
          sql.value("SELECT workspace->>'n' FROM dbq_job WHERE id = '" + ids.get(i) + "'"));
    }
  }

  @Test
  void insideTheCallersTransactionAlsoOneStatementInOrder() throws Exception {
    List<UUID> ids;
    try (Connection c = database.connect()) {
      c.setAutoCommit(false);
      ids = Dbq.enqueueAll(c, numbered(20));
      c.commit();
    }
    assertEquals(1, sql.count("SELECT count(*) FROM insert_statements"));
    assertEquals(strings(ids), idsBySeq());
  }

  @Test
  void singleEnqueuesInOneTransactionGetIncreasingSeq() throws Exception {
    List<UUID> ids = new ArrayList<>();
    try (Connection c = database.connect()) {
      c.setAutoCommit(false);
      for (TestJobBuilder job : numbered(10)) {
        ids.add(job.enqueue(c));
      }
      c.commit();
    }
    assertEquals(strings(ids), idsBySeq());
  }

  @Test
  void mixedQueuesPrioritiesAndDelaysInOneBatch() {
    List<UUID> ids =
        dbq.enqueueAll(
            List.of(
                TestJobBuilder.of(JOB).queue("a").priority(2),
                TestJobBuilder.of(JOB).queue("b").runAfter(java.time.Duration.ofHours(1)),
                TestJobBuilder.of(JOB).runAfter(java.time.Instant.parse("2000-01-01T00:00:00Z"))));

    assertEquals("a", dbq.findJob(ids.get(0)).orElseThrow().queue());
    assertEquals(2, dbq.findJob(ids.get(0)).orElseThrow().priority());
    assertEquals(null, dbq.findJob(ids.get(0)).orElseThrow().runAfter());
    assertEquals(
        "t",
        sql.value(
            "SELECT run_after > now() + interval '59 minutes' FROM dbq_job WHERE id = '"
                + ids.get(1)
                + "'"));
    assertEquals(
        java.time.Instant.parse("2000-01-01T00:00:00Z"),
        dbq.findJob(ids.get(2)).orElseThrow().runAfter());
  }

  @Test
  void anEmptyBatchInsertsNothing() {
    assertEquals(List.of(), dbq.enqueueAll(List.of()));
    assertEquals(0, sql.count("SELECT count(*) FROM insert_statements"));
  }
}
