package dev.dbq.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, end to end: the demo on the embedded PostgreSQL. */
class DemoTest {
  @TempDir Path dataDirectory;

  @Test
  void demoRunsEveryJobToItsFinalStateOnTheEmbeddedDatabase() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    int status = ExampleApp.run(Map.of(), out, dataDirectory);

    String output = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, output);
    assertTrue(output.contains("starting an embedded PostgreSQL"), output);
    assertTrue(output.contains("Enqueued 6 jobs"), output);
    List<String> lines = output.lines().toList();
    // state lines and log lines share the columns: time, job, id, state or level, what happened
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.matches(
                        "\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  import_cats         [0-9a-f]{8}  NEW         next:"
                            + " step 1 of 2 \\(fetch\\), queue imports, priority 5")),
        output);
    // a step's log line is printed after its job's state is read again, so the state while the
    // step runs always shows (a READY between two steps may pass unseen between two looks)
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.matches(
                        ".*  import_cats         [0-9a-f]{8}  PROCESSING  running step 2 of 2"
                            + " \\(store\\), attempt 1 of 1")),
        output);
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.endsWith(
                        "  FAILED      failed in step 1 of 2 (fetch), attempt 1 of 1: source"
                            + " 'broken' did not answer")),
        output);
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.matches(
                        ".*  import_cats         [0-9a-f]{8}  INFO        stored 3 cats from shelter-north")),
        output);
    assertTimeOrder(lines);
    int table = lines.indexOf("+------------+---------+");
    assertEquals(
        List.of(
            "+------------+---------+",
            "| state      |    jobs |",
            "+------------+---------+",
            "| COMPLETE   |       5 |",
            "| FAILED     |       1 |",
            "+------------+---------+",
            "| steps run  |       8 |"),
        lines.subList(table, table + 7),
        output);
    assertTrue(lines.get(table + 7).matches("\\| wall time  \\| +\\d+\\.\\d s \\|"), output);
  }

  /** Every line that starts with a time comes after the one before it. */
  private static void assertTimeOrder(List<String> lines) {
    String last = "";
    for (String line : lines) {
      if (line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  .*")) {
        String time = line.substring(0, 12);
        assertTrue(time.compareTo(last) >= 0, "time order: " + String.join("\n", lines));
        last = time;
      }
    }
  }

  @Test
  void summaryRowsKeepTheirColumnsWhateverTheValue() {
    assertEquals(Demo.row("state", "jobs").length(), Demo.row("wall time", "123.4 s").length());
  }

  @Test
  void versionAndHelpStartNoDatabase() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    assertEquals(0, ExampleApp.run(Map.of(), out, dataDirectory, "--version"));
    assertEquals(0, ExampleApp.run(Map.of(), out, dataDirectory, "worker", "--help"));

    assertEquals("", bytes.toString(StandardCharsets.UTF_8), "no embedded PostgreSQL started");
  }

  @Test
  void withArgumentsItIsTheCommandLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    int status = ExampleApp.run(Map.of(), out, dataDirectory, "migrate", "--help");

    assertEquals(0, status);
  }
}
