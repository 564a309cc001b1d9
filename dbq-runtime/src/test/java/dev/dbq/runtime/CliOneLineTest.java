package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every error the command line prints is one line, whatever the input or the driver put in it: a
 * job name holding a line break, PostgreSQL's multi-line messages.
 */
class CliOneLineTest {
  private static final JobCatalog CATALOG =
      JobCatalog.of(JobDefinition.builder("noop").step("run", c -> null).build());

  @Test
  void aJobNameHoldingALineBreakIsEchoedOnOneLine() {
    CliRun run =
        CliRun.of(
                Map.of("DBQ_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/x"),
                CATALOG,
                "create-job",
                "no\nop\r\u0007")
            .assertBadInput();

    assertTrue(run.err().contains("unknown job 'no\\nop\\r\\u0007'"), run.err());
  }

  @Test
  void theDriversMultiLineErrorIsPrintedOnOneLine() {
    try (TestDatabase unmigrated = TestDatabase.create()) {
      CliRun run = CliRun.of(Map.of("DBQ_JDBC_URL", unmigrated.url()), CATALOG, "queue-depth");

      assertEquals(DbqCli.FAILED, run.status(), run.err());
      assertTrue(run.err().contains("dbq_job"), run.err());
      assertEquals(run.err().length() - 1, run.err().indexOf('\n'), "one line: " + run.err());
    }
  }
}
