package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One {@link DbqCli} command run in-process, with what it printed and its exit status. */
public record CliRun(int status, String out, String err) {
  public static CliRun of(Map<String, String> environment, JobCatalog catalog, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        DbqCli.run(environment, () -> catalog, new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(status, out.toString(), err.toString());
  }

  /** Exit 2, nothing on stdout, one line on stderr without a stack trace. */
  public CliRun assertBadInput() {
    assertEquals(DbqCli.BAD_INPUT, status, out + err);
    assertEquals("", out);
    assertTrue(err.endsWith("\n") && err.indexOf('\n') == err.length() - 1, "one line: " + err);
    assertFalse(err.contains("Exception"), "no stack trace: " + err);
    return this;
  }
}
