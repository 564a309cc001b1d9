package dev.dbq.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The command line's own log line, used when the class path has no SLF4J provider. */
class StderrLogProviderTest {
  private static final LocalTime NOON = LocalTime.of(12, 0, 1, 234_567_000);

  @Test
  void aLineHasTheTimeTheLevelTheJobAndStepAndTheMessage() {
    assertEquals(
        "12:00:01.234 INFO  [import_cats fetch] stored 3 cats",
        StderrLogProvider.line(NOON, Level.INFO, "stored 3 cats", "import_cats", "fetch", null));
    assertEquals(
        "12:00:01.234 WARN  worker w stopping",
        StderrLogProvider.line(NOON, Level.WARN, "worker w stopping", null, null, null));
  }

  @Test
  void aThrowableIsItsClassAndMessageOnTheSameLineNeverATrace() {
    assertEquals(
        "12:00:01.234 WARN  claiming failed; trying again in 100 ms:"
            + " java.sql.SQLException: Connection refused",
        StderrLogProvider.line(
            NOON,
            Level.WARN,
            "claiming failed; trying again in 100 ms",
            null,
            null,
            new java.sql.SQLException("Connection refused")));
    // a message that already ends with the error names only the class
    assertEquals(
        "12:00:01.234 ERROR job j failed: boom (java.lang.IllegalStateException)",
        StderrLogProvider.line(
            NOON,
            Level.ERROR,
            "job j failed: boom",
            null,
            null,
            new IllegalStateException("boom")));
  }

  @Test
  void aMultiLineMessageStaysOnOneLine() {
    assertEquals(
        "12:00:01.234 ERROR relation missing   Position: 36",
        StderrLogProvider.line(
            NOON, Level.ERROR, "relation missing\n  Position: 36", null, null, null));
  }
}
