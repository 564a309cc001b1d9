package dev.dbq.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    assertTrue(output.matches("(?s).*import_cats .* COMPLETE .*"), output);
    assertTrue(output.contains("error=source 'broken' did not answer"), output);
    assertTrue(output.contains("| COMPLETE   |    5 |"), output);
    assertTrue(output.contains("| FAILED     |    1 |"), output);
    assertTrue(output.contains("| steps run  |    7 |"), output);
  }

  @Test
  void withArgumentsItIsTheCommandLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    int status = ExampleApp.run(Map.of(), out, dataDirectory, "migrate", "--help");

    assertEquals(0, status);
  }
}
