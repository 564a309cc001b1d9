package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code dbq list} and {@code dbq show} run in-process against real PostgreSQL. */
class JobListCliTest {
  private static final JobDefinition IMPORT =
      JobDefinition.builder("import_cats")
          .queue("imports")
          .step("fetch", Invocation::workspace)
          .step("store", Invocation::workspace)
          .build();
  private static final JobCatalog CATALOG = JobCatalog.of(IMPORT);

  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  private static CliRun run(String... args) {
    return CliRun.of(Map.of("DBQ_JDBC_URL", db.database.url()), CATALOG, args);
  }

  private static UUID enqueue(int priority, Map<String, ?> workspace) {
    return TestJobBuilder.of(IMPORT).priority(priority).workspace(workspace).enqueue(db.dbq);
  }

  private static void set(UUID id, String assignments) {
    db.sql.execute("UPDATE dbq_job SET " + assignments + " WHERE id = '" + id + "'");
  }

  private static List<String> lines(String out) {
    return Arrays.asList(out.split("\n"));
  }

  @Test
  void listPrintsAnAlignedTableInTheClaimsOrder() {
    UUID low = enqueue(0, Map.of());
    UUID high = enqueue(5, Map.of());
    set(low, "state = 'FAILED', attempt = 3, last_error = 'boom\nsecond line'");

    CliRun result = run("list");

    assertEquals(0, result.status(), result.err());
    List<String> lines = lines(result.out());
    assertEquals(3, lines.size(), result.out());
    assertTrue(lines.get(0).startsWith("ID  "), lines.get(0));
    assertTrue(lines.get(1).startsWith(high + "  NEW "), lines.get(1));
    assertTrue(lines.get(2).startsWith(low + "  FAILED"), lines.get(2));
    assertTrue(lines.get(2).endsWith("boom second line"), lines.get(2));
    int stateColumn = lines.get(0).indexOf("STATE");
    int queueColumn = lines.get(0).indexOf("QUEUE");
    for (String line : lines.subList(1, 3)) {
      assertEquals(' ', line.charAt(stateColumn - 1), line);
      assertEquals("imports", line.substring(queueColumn, queueColumn + 7), line);
    }
  }

  @Test
  void listFiltersByStateQueueNameAndWorkspace() {
    UUID failed = enqueue(0, Map.of("customer", 42));
    UUID other = enqueue(0, Map.of("customer", 7));
    set(failed, "state = 'FAILED'");
    TestJobBuilder.of(IMPORT).queue("elsewhere").enqueue(db.dbq);

    assertEquals(List.of(failed), listedIds("--state", "failed"));
    assertEquals(List.of(failed, other), listedIds("--state", "FAILED,NEW", "--queue", "imports"));
    assertEquals(List.of(failed), listedIds("--where", "{\"customer\": 42}"));
    assertEquals(List.of(other), listedIds("--name", "import_cats", "--where", "{\"customer\":7}"));
    assertEquals("no jobs match\n", run("list", "--state", "CANCELLED").out());
  }

  private static List<UUID> listedIds(String... filters) {
    String[] args = new String[filters.length + 2];
    args[0] = "list";
    args[1] = "--json";
    System.arraycopy(filters, 0, args, 2, filters.length);
    CliRun result = run(args);
    assertEquals(0, result.status(), result.err());
    return result
        .out()
        .lines()
        .map(line -> UUID.fromString(json(line).get("id").asText()))
        .toList();
  }

  private static JsonNode json(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (java.io.IOException e) {
      throw new AssertionError(line, e);
    }
  }

  @Test
  void listJsonWritesOneObjectPerJobWithTheWorkspaceAsJson() {
    UUID id = enqueue(2, Map.of("source", "s3://cats", "n", 1.50));

    CliRun result = run("list", "--json");

    assertEquals(0, result.status(), result.err());
    assertEquals(1, result.out().lines().count(), result.out());
    JsonNode job = json(result.out().strip());
    assertEquals(id.toString(), job.get("id").asText());
    assertEquals("import_cats", job.get("name").asText());
    assertEquals("imports", job.get("queue").asText());
    assertEquals(2, job.get("priority").asInt());
    assertEquals("NEW", job.get("state").asText());
    assertEquals("s3://cats", job.get("workspace").get("source").asText());
    assertTrue(job.get("run_after").isNull());
    assertEquals("", result.err());
  }

  @Test
  void listLimitsThePageAndPrintsWhereTheNextStarts() {
    for (int i = 0; i < 3; i++) {
      enqueue(0, Map.of("i", i));
    }

    CliRun first = run("list", "--limit", "2");
    List<String> lines = lines(first.out());
    assertEquals(4, lines.size(), first.out());
    String next = lines.get(3);
    assertTrue(next.startsWith("next page: --after "), next);

    CliRun second = run("list", "--limit", "2", "--after", next.substring(19));
    assertEquals(0, second.status(), second.err());
    assertEquals(2, lines(second.out()).size(), "a header and the last job: " + second.out());

    CliRun json = run("list", "--json", "--limit", "2");
    assertEquals(2, json.out().lines().count());
    assertEquals(next + "\n", json.err(), "with --json the cursor goes to stderr");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--state=DONE",
        "--where={nope",
        "--where=[1]",
        "--limit=0",
        "--limit=1001",
        "--limit=many",
        "--queue=bad queue",
        "--name=1st",
        "--after=garbage"
      })
  void listRefusesBadInputInOneLine(String option) {
    CliRun result = run("list", option).assertBadInput();
    String value = option.substring(option.indexOf('=') + 1);
    assertTrue(result.err().contains(value), result.err());
  }

  @Test
  void anUnknownStateIsNamedWithTheKnownOnes() {
    CliRun result = run("list", "--state", "DONE").assertBadInput();
    assertTrue(
        result.err().contains("NEW, READY, PROCESSING, STOPPING, COMPLETE, FAILED, CANCELLED"),
        result.err());
  }

  @Test
  void showPrintsTheJobItsStepsWithTheirRunsAndThePrettyWorkspace() {
    UUID id = enqueue(1, Map.of("source", "s3://cats", "batch", Map.of("size", 3)));
    set(id, "state = 'FAILED', next_step = 1, attempt = 2, last_error = 'disk full'");
    StepRunRows.insert(db.sql, id, 0, "fetch", 1, "SUCCEEDED", null, null);
    StepRunRows.insert(
        db.sql,
        id,
        1,
        "store",
        1,
        "RETRIED",
        "java.io.IOException: disk full",
        "java.io.IOException: disk full\n\tat cats.Store.write(Store.java:12)");
    StepRunRows.insert(db.sql, id, 1, "store", 2, "FAILED", "java.io.IOException: disk full", null);

    CliRun result = run("show", id.toString());

    assertEquals(0, result.status(), result.err());
    String out = result.out();
    assertTrue(out.startsWith("job " + id + "\n"), out);
    assertTrue(out.contains("  state       FAILED\n"), out);
    assertTrue(out.contains("  queue       imports\n"), out);
    assertTrue(out.contains("  last error  disk full\n"), out);
    int fetch = out.indexOf("\n  0 fetch\n");
    int store = out.indexOf("\n  1 store\n");
    assertTrue(fetch > 0 && store > fetch, out);
    assertTrue(out.indexOf("attempt 1  SUCCEEDED") > fetch, out);
    int retried = out.indexOf("attempt 1  RETRIED");
    int failed = out.indexOf("attempt 2  FAILED");
    assertTrue(store < retried && retried < failed, out);
    assertTrue(out.contains("(1.250 s)  worker worker-1"), out);
    assertTrue(out.contains("\n          at cats.Store.write(Store.java:12)\n"), out);
    assertTrue(out.contains("\n      error       java.io.IOException: disk full\n"), out);
    assertTrue(out.contains("workspace:\n  {\n"), out);
    assertTrue(out.contains("\"size\" : 3"), out);
  }

  @Test
  void showSaysWhenNoStepHasRun() {
    UUID id = enqueue(0, Map.of());

    CliRun result = run("show", id.toString());

    assertEquals(0, result.status(), result.err());
    assertTrue(result.out().contains("steps: none has run yet\n"), result.out());
    assertTrue(result.out().contains("workspace:\n  { }\n"), result.out());
  }

  @Test
  void showOfAMissingJobFailsInOneLine() {
    UUID id = UUID.randomUUID();

    CliRun result = run("show", id.toString());

    assertEquals(DbqCli.FAILED, result.status());
    assertEquals("", result.out());
    assertEquals("show: no job " + id + " (never enqueued, or deleted)\n", result.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"42", "not-a-uuid", "1-2-3-4-5", "zb4e28ba-2fa1-11d2-883f-0016d3cca427"})
  void showRefusesAMalformedId(String id) {
    CliRun result = run("show", id).assertBadInput();
    assertTrue(result.err().contains("'" + id + "' is not a job id"), result.err());
  }
}
