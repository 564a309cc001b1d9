package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code dbq queues}, {@code pause}, {@code resume} and {@code limit}: output, rows, bad input. */
class QueueCommandsTest {
  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  private static CliRun run(String... args) {
    return CliRun.of(Map.of("DBQ_JDBC_URL", db.database.url()), JobCatalog.of(), args);
  }

  private static void job(String queue, String state) {
    db.sql.execute(
        "INSERT INTO dbq_job (id, name, queue_name, state) VALUES (gen_random_uuid(), 'j', '"
            + queue
            + "', '"
            + state
            + "')");
  }

  private static long rows() {
    return db.sql.count("SELECT count(*) FROM dbq_queue");
  }

  @Test
  void pauseAndResumePrintWhatWaitsAndRunsAndChangeTheRows() {
    job("mail", "NEW");
    job("mail", "NEW");
    job("mail", "PROCESSING");

    CliRun paused = run("pause", "mail", "reports");

    assertEquals(0, paused.status(), paused.err());
    assertEquals(
        "event=queue_paused queue=mail waiting=2 running=1\n"
            + "event=queue_paused queue=reports waiting=0 running=0\n",
        paused.out());
    assertEquals(
        List.of("mail", "reports"),
        db.sql.column("SELECT name FROM dbq_queue WHERE paused ORDER BY name"));

    CliRun resumed = run("resume", "mail");

    assertEquals(0, resumed.status(), resumed.err());
    assertEquals("event=queue_resumed queue=mail waiting=2\n", resumed.out());
    assertEquals(List.of("reports"), db.sql.column("SELECT name FROM dbq_queue"));
  }

  @Test
  void limitSetsChangesAndRemovesTheQueuesLimit() {
    job("reports", "PROCESSING");

    CliRun set = run("limit", "reports", "3");
    assertEquals(0, set.status(), set.err());
    assertEquals("event=queue_limited queue=reports limit=3 running=1\n", set.out());
    assertEquals(0, run("limit", "reports", "5").status());
    assertEquals(
        "5", db.sql.value("SELECT concurrency_limit FROM dbq_queue WHERE name = 'reports'"));

    CliRun removed = run("limit", "reports", "--none");

    assertEquals(0, removed.status(), removed.err());
    assertEquals("event=queue_limit_removed queue=reports\n", removed.out());
    assertEquals(0, rows(), "a queue neither paused nor limited keeps no row");
  }

  @Test
  void queuesPrintsAnAlignedTableOfEveryQueue() {
    job("default", "NEW");
    job("default", "COMPLETE");
    job("a_much_longer_queue_name", "FAILED");
    assertEquals(0, run("limit", "default", "12").status());
    assertEquals(0, run("pause", "idle").status());

    CliRun listed = run("queues");

    assertEquals(0, listed.status(), listed.err());
    List<String> lines = listed.out().lines().toList();
    assertEquals(4, lines.size(), listed.out());
    String header = lines.get(0);
    assertTrue(header.startsWith("QUEUE                     PAUSED  LIMIT  NEW"), header);
    assertTrue(header.endsWith("OLDEST WAITING"), header);
    assertTrue(lines.get(1).startsWith("a_much_longer_queue_name  no          -"), lines.get(1));
    assertTrue(
        lines.get(2).startsWith("default                   no         12    1"), lines.get(2));
    assertTrue(
        lines.get(3).startsWith("idle                      yes         -    0"), lines.get(3));
    assertTrue(lines.get(3).endsWith("  -"), "nothing waits in idle: " + lines.get(3));
    // every count sits under the end of its header
    int failedEnd = header.indexOf("FAILED") + "FAILED".length();
    assertEquals('1', lines.get(1).charAt(failedEnd - 1), lines.get(1));
  }

  @Test
  void queuesJsonPrintsOneObjectPerLine() throws Exception {
    job("default", "NEW");
    assertEquals(0, run("limit", "default", "2").status());

    CliRun listed = run("queues", "--json");

    assertEquals(0, listed.status(), listed.err());
    JsonNode queue = new ObjectMapper().readTree(listed.out().lines().findFirst().orElseThrow());
    assertEquals("default", queue.get("queue").asText());
    assertEquals(false, queue.get("paused").asBoolean());
    assertEquals(2, queue.get("limit").asInt());
    assertEquals(1, queue.get("jobs").get("new").asLong());
    assertEquals(1, queue.get("waiting").asLong());
    assertTrue(queue.get("oldest_waiting_ms").isNumber(), queue.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3", "three", "1.5", "", "99999999999"})
  void aLimitThatIsNoPositiveWholeNumberIsBadInput(String n) {
    CliRun bad = run("limit", "reports", n).assertBadInput();

    assertTrue(bad.err().startsWith("dbq limit: "), bad.err());
    assertEquals(0, rows());
  }

  @Test
  void badArgumentsAreOneLineAndExitTwoWithNothingWritten() {
    assertTrue(run("pause", "").assertBadInput().err().contains("queue name '' is invalid"));
    assertTrue(run("resume", "1st").assertBadInput().err().contains("queue name '1st'"));
    assertTrue(run("pause", "ok", "has space").assertBadInput().err().contains("'has space'"));
    run("pause").assertBadInput();
    run("pause", "ok", "--soon").assertBadInput();
    run("queues", "--tree").assertBadInput();
    run("limit", "reports").assertBadInput();
    run("limit", "reports", "3", "--none").assertBadInput();
    run("limit", "", "3").assertBadInput();
    run("limit", "reports", "3", "4").assertBadInput();
    assertEquals(0, rows());
  }
}
