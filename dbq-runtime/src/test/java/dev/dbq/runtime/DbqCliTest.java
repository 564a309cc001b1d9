package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each command run in-process against real PostgreSQL: output, exit status, rows. */
class DbqCliTest {
  /** A typed workspace for the catalog's typed job. */
  public record Batch(String source, int size) {}

  private static final JobCatalog CATALOG =
      JobCatalog.of(
          JobDefinition.builder("import_cats")
              .queue("imports")
              .priority(1)
              .workspaceType(Batch.class)
              .step("fetch", Invocation::workspace)
              .build(),
          JobDefinition.builder("send_report").step("send", Invocation::workspace).build(),
          JobDefinition.builder("refresh_feed")
              .workspaceType(Batch.class)
              .unique(Uniqueness.byFields("source"))
              .step("refresh", Invocation::workspace)
              .build());

  private static TestDatabase database;
  private Map<String, String> environment;

  @BeforeAll
  static void createDatabase() {
    database = TestDatabase.create();
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  @BeforeEach
  void emptyQueue() throws Exception {
    environment = new HashMap<>(Map.of("DBQ_JDBC_URL", database.url()));
    assertEquals(0, run("migrate").status);
    sql("DELETE FROM dbq_job");
  }

  @Test
  void migrateIsIdempotent() {
    Result result = run("migrate");
    assertEquals(0, result.status, result.err);
    assertEquals("event=migrated\n", result.out);
  }

  @Test
  void createJobPrintsTheSeedsLineAndStoresTheJob() throws Exception {
    Result result =
        run("create-job", "send_report", "--workspace", "{\"to\":\"ops\"}", "--priority", "3");

    assertEquals(0, result.status, result.err);
    Matcher line =
        Pattern.compile("Created job: \"send_report\", id=([0-9a-f-]{36}) for queue \"default\"\n")
            .matcher(result.out);
    assertTrue(line.matches(), result.out);
    assertEquals(
        "send_report|default|3|NEW|{\"to\": \"ops\"}",
        sqlRow(
            "SELECT name || '|' || queue_name || '|' || priority || '|' || state || '|' ||"
                + " workspace::text FROM dbq_job WHERE id = '"
                + line.group(1)
                + "'"));
  }

  @Test
  void createJobOfAUniqueJobWhoseKeyIsHeldPrintsTheExistingIdAndCreatesNothing() throws Exception {
    Result first =
        run("create-job", "refresh_feed", "--workspace", "{\"source\":\"a\",\"size\":1}");
    assertEquals(0, first.status, first.err);
    Matcher created =
        Pattern.compile("Created job: \"refresh_feed\", id=([0-9a-f-]{36}) for queue \"default\"\n")
            .matcher(first.out);
    assertTrue(created.matches(), first.out);

    Result again =
        run("create-job", "refresh_feed", "--workspace", "{\"source\":\"a\",\"size\":2}");
    assertEquals(0, again.status, again.err);
    assertEquals(
        "Duplicate job: \"refresh_feed\", id="
            + created.group(1)
            + " already holds its unique key; nothing created for queue \"default\"\n",
        again.out);
    assertEquals("1", sqlRow("SELECT count(*) FROM dbq_job"));
  }

  @Test
  void createJobUsesTheJobsDefaultsAndAcceptsOverrides() throws Exception {
    assertEquals(
        0, run("create-job", "import_cats", "--workspace", "{\"source\":\"x\",\"size\":1}").status);
    assertEquals("imports|1", sqlRow("SELECT queue_name || '|' || priority FROM dbq_job"));
    sql("DELETE FROM dbq_job");

    Result result =
        run(
            "create-job",
            "import_cats",
            "--queue-name",
            "other",
            "--run-after",
            "2030-01-02T03:04:05Z",
            "--workspace",
            "{\"source\":\"x\",\"size\":2}");
    assertEquals(0, result.status, result.err);
    assertTrue(result.out.endsWith("for queue \"other\"\n"), result.out);
    assertEquals(
        "other|2030-01-02 03:04:05+00",
        sqlRow(
            "SELECT queue_name || '|' || (run_after AT TIME ZONE 'UTC')::text || '+00' FROM dbq_job"));
  }

  @Test
  void unknownJobListsTheKnownOnesAndSuggestsTheNearest() throws Exception {
    Result result = run("create-job", "import_cat");
    assertBadInput(result);
    assertTrue(result.err.contains("unknown job 'import_cat'"), result.err);
    assertTrue(result.err.contains("did you mean 'import_cats'?"), result.err);
    assertTrue(
        result.err.contains("known jobs: import_cats, refresh_feed, send_report"), result.err);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{not json", "[1, 2]", "\"text\"", "42"})
  void workspaceMustBeAJsonObject(String workspace) throws Exception {
    Result result = run("create-job", "send_report", "--workspace", workspace);
    assertBadInput(result);
    assertTrue(result.err.contains("--workspace"), result.err);
  }

  @Test
  void typedWorkspaceMustBindToTheJobsType() throws Exception {
    Result result = run("create-job", "import_cats", "--workspace", "{\"size\":\"many\"}");
    assertBadInput(result);
    assertTrue(result.err.contains(Batch.class.getName()), result.err);
  }

  @Test
  void priorityOutsideTheSmallintRangeIsRejected() throws Exception {
    Result result = run("create-job", "send_report", "--priority", "40000");
    assertBadInput(result);
    assertTrue(result.err.contains("priority must be between -32768 and 32767, was 40000"));
  }

  @Test
  void queueNameBreakingTheRuleIsRejected() throws Exception {
    Result result = run("create-job", "send_report", "--queue-name", "9 lives");
    assertBadInput(result);
    assertTrue(result.err.contains("queue name '9 lives' is invalid"), result.err);
  }

  @Test
  void unparsableRunAfterIsRejected() throws Exception {
    Result result = run("create-job", "send_report", "--run-after", "tomorrow");
    assertBadInput(result);
    assertTrue(result.err.contains("--run-after 'tomorrow'"), result.err);
  }

  @Test
  void nonNumericPriorityIsRejected() throws Exception {
    assertBadInput(run("create-job", "send_report", "--priority", "high"));
  }

  @Test
  void missingDatabaseUrlIsSaidClearly() throws Exception {
    environment.remove("DBQ_JDBC_URL");
    Result result = run("queue-depth");
    assertBadInput(result);
    assertTrue(result.err.contains("DBQ_JDBC_URL is not set"), result.err);
  }

  @Test
  void passwordsInTheUrlNeverAppearInOutput() {
    environment.put(
        "DBQ_JDBC_URL",
        "jdbc:postgresql://127.0.0.1:1/nowhere?user=postgres&password=s3cret&connectTimeout=1");
    Result result = run("queue-depth");
    assertEquals(1, result.status, result.err);
    assertFalse(result.err.contains("s3cret"), result.err);
    assertFalse(result.out.contains("s3cret"), result.out);
    assertOneLine(result.err);
  }

  @Test
  void queueDepthPrintsEveryNamedQueueWithZeroForEmptyOnes() throws Exception {
    run("create-job", "send_report");
    run("create-job", "send_report");
    run(
        "create-job",
        "send_report",
        "--queue-name",
        "other",
        "--run-after",
        "2100-01-01T00:00:00Z");

    assertEquals("event=queue_depths default=2\n", run("queue-depth").out);
    assertEquals(
        "event=queue_depths default=2 other=1 empty=0\n",
        run("queue-depth", "default", "other", "empty").out);
    assertEquals(
        "event=queue_depths default=2 other=0\n",
        run("queue-depth", "default", "other", "--exclude-future-jobs").out);
  }

  @Test
  void queueDepthAllPrintsEveryQueueWithWaitingJobsByName() throws Exception {
    assertEquals("event=queue_depths\n", run("queue-depth", "--all").out);
    run("create-job", "send_report", "--queue-name", "mail");
    run("create-job", "send_report");
    run("create-job", "send_report");
    assertEquals(
        0, run("create-job", "import_cats", "--workspace", "{\"source\":\"x\",\"size\":1}").status);
    run(
        "create-job",
        "send_report",
        "--queue-name",
        "later",
        "--run-after",
        "2100-01-01T00:00:00Z");
    sql("UPDATE dbq_job SET state = 'COMPLETE' WHERE queue_name = 'mail'");
    run("create-job", "send_report", "--queue-name", "zeta");

    assertEquals(
        "event=queue_depths default=2 imports=1 later=1 zeta=1\n", run("queue-depth", "--all").out);
    assertEquals(
        "event=queue_depths default=2 imports=1 zeta=1\n",
        run("queue-depth", "--all", "--exclude-future-jobs").out);
  }

  @Test
  void queueDepthAllWithQueueNamesIsBadInput() throws Exception {
    Result result = run("queue-depth", "--all", "mail");
    assertBadInput(result);
    assertEquals(
        "dbq queue-depth: --all reports every queue: give it or queue names, not both (got"
            + " [mail])\n",
        result.err);
  }

  @Test
  void versionPrintsTheBuildsVersion() throws Exception {
    Result result = run("--version");
    assertEquals(0, result.status, result.err);
    assertTrue(result.out.matches("dbq \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), result.out);
    assertEquals(result.out, run("worker", "--version").out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"migrate", "create-job", "queue-depth", "delete-old-jobs", "worker"})
  void everyCommandPrintsTheVersion(String command) {
    Result result = run(command, "--version");
    assertEquals(0, result.status, result.err);
    assertEquals(run("--version").out, result.out);
  }

  @Test
  void aDatabaseThatWasNeverMigratedNamesTheFixInOneLine() throws Exception {
    try (TestDatabase bare = TestDatabase.create()) {
      environment.put("DBQ_JDBC_URL", bare.url());
      for (String[] command :
          List.of(
              new String[] {"queue-depth"},
              new String[] {"create-job", "send_report"},
              new String[] {"worker", "--exit-when-empty"})) {
        Result result = run(command);
        assertEquals(1, result.status, result.err);
        if (command[0].equals("worker")) {
          // the worker logs the line itself (see WorkerOutputTest); the command adds none
          assertEquals("", result.err);
        } else {
          assertEquals(
              "dbq "
                  + command[0]
                  + ": the dbq tables do not exist in this database: run `dbq migrate` (42P01:"
                  + " ERROR: relation \"dbq_job\" does not exist)\n",
              result.err);
        }
      }
    }
  }

  @Test
  void queueDepthRejectsAnInvalidQueueName() throws Exception {
    assertBadInput(run("queue-depth", "bad queue"));
  }

  @Test
  void deleteOldJobsDeletesFinishedJobsOlderThanTheLimit() throws Exception {
    run("create-job", "send_report");
    run("create-job", "send_report");
    run("create-job", "send_report");
    sql("UPDATE dbq_job SET state = 'COMPLETE', created = now() - interval '30 hours'");
    sql(
        "UPDATE dbq_job SET state = 'NEW' WHERE id = (SELECT id FROM dbq_job ORDER BY seq LIMIT 1)");

    Result result = run("delete-old-jobs");
    assertEquals(0, result.status, result.err);
    assertEquals("event=deleted_old_jobs count=2 hours=24\n", result.out);
    assertEquals("1", sqlRow("SELECT count(*) FROM dbq_job"));
    assertEquals(
        "event=deleted_old_jobs count=0 hours=48\n", run("delete-old-jobs", "--hours", "48").out);
  }

  @Test
  void deleteOldJobsRejectsNegativeHours() throws Exception {
    assertBadInput(run("delete-old-jobs", "--hours", "-1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"migrate", "create-job", "queue-depth", "delete-old-jobs", "worker"})
  void everyCommandHasHelp(String command) {
    Result result = run(command, "--help");
    assertEquals(0, result.status, result.err);
    assertTrue(result.out.startsWith("Usage: dbq " + command), result.out);
  }

  @Test
  void workerExitWhenEmptyRunsWhatIsRunnableAndExitsZero() throws Exception {
    run("create-job", "send_report");
    run("create-job", "send_report", "--run-after", "2100-01-01T00:00:00Z");
    run("create-job", "import_cats", "--workspace", "{\"source\":\"x\",\"size\":1}");

    Result result = run("worker", "--exit-when-empty", "--concurrency", "2");

    assertEquals(0, result.status, result.err);
    assertEquals(
        "COMPLETE=1 NEW=1",
        sqlRow(
            "SELECT string_agg(state || '=' || n, ' ' ORDER BY state) FROM"
                + " (SELECT state, count(*) AS n FROM dbq_job WHERE queue_name = 'default'"
                + " GROUP BY state) s"));
    assertEquals("NEW", sqlRow("SELECT state FROM dbq_job WHERE queue_name = 'imports'"));
  }

  @Test
  void workerRejectsBadSettings() throws Exception {
    assertBadInput(run("worker", "--concurrency", "0"));
    assertBadInput(run("worker", "--rate-limit", "soon"));
  }

  @Test
  void noCommandIsBadInput() throws Exception {
    assertBadInput(run());
    assertBadInput(run("frobnicate"));
  }

  private void assertBadInput(Result result) throws Exception {
    assertEquals(2, result.status, result.out + result.err);
    assertOneLine(result.err);
    assertEquals("", result.out);
    if (environment.containsKey("DBQ_JDBC_URL")) {
      assertEquals("0", sqlRow("SELECT count(*) FROM dbq_job"), "nothing written on bad input");
    }
  }

  private static void assertOneLine(String err) {
    assertTrue(err.endsWith("\n") && err.indexOf('\n') == err.length() - 1, "one line: " + err);
    assertFalse(err.contains("Exception"), "no stack trace: " + err);
  }

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        DbqCli.run(environment, () -> CATALOG, new PrintWriter(out), new PrintWriter(err), args);
    return new Result(status, out.toString(), err.toString());
  }

  private static void sql(String statement) throws Exception {
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static String sqlRow(String query) throws Exception {
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      assertTrue(rs.next(), query);
      return rs.getString(1);
    }
  }

  private record Result(int status, String out, String err) {}
}
