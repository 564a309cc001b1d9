package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.cli.WorkerCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code worker [QUEUE] [--rate-limit S] [--concurrency N] [--prefetch N] [--lease S]
 * [--exit-when-empty]}.
 */
class WorkerCommandTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();
  private final StringWriter err = new StringWriter();
  private final StringWriter out = new StringWriter();
  private final AtomicBoolean connected = new AtomicBoolean();

  private static final JobDefinition JOB =
      JobDefinition.builder("cli_job")
          .step(
              "first",
              call -> {
                call.context().workspace().put("first", true);
                return null;
              })
          .step("second", call -> null)
          .build();

  private int run(Supplier<Dbq> database, String... args) {
    CommandLine cl =
        WorkerCommand.commandLine(new WorkerCommand(database, () -> JobCatalog.of(JOB)));
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(out, true));
    return cl.execute(args);
  }

  private int run(String... args) {
    return run(
        () -> {
          connected.set(true);
          return db.dbq();
        },
        args);
  }

  @Test
  void exitWhenEmptyRunsEveryRunnableStepAndExitsZero() throws Exception {
    UUID a = TestJobBuilder.named("cli_job").enqueue(db.sql);
    UUID b = TestJobBuilder.named("cli_job").enqueue(db.sql);
    UUID other = TestJobBuilder.named("cli_job").queue("other").enqueue(db.sql);

    assertEquals(0, run("--exit-when-empty", "--concurrency", "2", "--prefetch", "4"));

    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, a));
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, b));
    assertEquals(JobState.NEW, StoredJobs.state(db.sql, other));
    assertEquals("", err.toString());
  }

  @Test
  void theQueueArgumentSelectsTheQueue() throws Exception {
    UUID other = TestJobBuilder.named("cli_job").queue("other").enqueue(db.sql);

    assertEquals(0, run("other", "--exit-when-empty", "--rate-limit", "0.01", "--lease", "5"));

    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, other));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--concurrency 0          | worker: concurrency must be at least 1, was 0",
        "--concurrency many       | worker: Invalid value for option '--concurrency': 'many' is not"
            + " an int",
        "--prefetch -1            | worker: prefetch must be between 0 and 1000, was -1",
        "--rate-limit -1          | worker: --rate-limit must not be negative, was -1",
        "--lease 0.5              | worker: --lease must be at least 1 second, was 0.5",
        "1bad-queue               | worker: queue name '1bad-queue' is invalid: use a letter, then"
            + " letters, digits, '_', '-' or '.', at most 100 characters",
        "--frobnicate             | worker: Unknown option: '--frobnicate'",
        "a 1bad                   | worker: queue name '1bad' is invalid: use a letter, then"
            + " letters, digits, '_', '-' or '.', at most 100 characters",
        "--progress -1            | worker: --progress must not be negative (0 for no progress"
            + " lines), was -1",
      })
  void badInputExitsTwoWithOneLineAndNeverConnects(String args, String message) {
    int code = run(args.trim().split(" +"));

    assertEquals(2, code);
    assertEquals(List.of(message), err.toString().lines().toList());
    assertFalse(connected.get());
  }

  @Test
  void severalQueueArgumentsAreServedByOneWorker() throws Exception {
    UUID a = TestJobBuilder.named("cli_job").queue("a").enqueue(db.sql);
    UUID b = TestJobBuilder.named("cli_job").queue("b").enqueue(db.sql);
    UUID c = TestJobBuilder.named("cli_job").queue("c").enqueue(db.sql);
    UUID other = TestJobBuilder.named("cli_job").enqueue(db.sql);

    assertEquals(0, run("a", "b", "c", "--exit-when-empty"));

    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, a));
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, b));
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, c));
    assertEquals(JobState.NEW, StoredJobs.state(db.sql, other));
  }

  @Test
  void aDatabaseWithoutTheDbqTablesEndsTheWorkerWithExitOneInsteadOfRetrying() throws Exception {
    try (TestDatabase bare = TestDatabase.create()) {
      // without --exit-when-empty too: the worker stops by itself, it does not wait for a signal
      // (each run closes its Dbq, as the command does)
      assertEquals(1, run(() -> Dbq.connect(bare.url()), "--progress", "0"));
      assertEquals(1, run(() -> Dbq.connect(bare.url()), "--exit-when-empty"));
      assertEquals("", err.toString(), "the worker logged the line; the command adds none");
    }
  }

  @Test
  void aMissingDatabaseUrlExitsTwoWithOneLine() {
    int code =
        run(
            () -> {
              throw new IllegalStateException("DBQ_JDBC_URL is not set");
            },
            "--exit-when-empty");

    assertEquals(2, code);
    assertEquals("worker: DBQ_JDBC_URL is not set\n", err.toString());
  }

  @Test
  void anEmptyCatalogIsBadInput() {
    CommandLine cl =
        WorkerCommand.commandLine(new WorkerCommand(db::dbq, () -> JobCatalog.of(List.of())));
    cl.setErr(new PrintWriter(err, true));

    assertEquals(2, cl.execute("--exit-when-empty"));
    assertTrue(err.toString().startsWith("worker: the catalog has no jobs"), err.toString());
  }

  @Test
  void helpDescribesEveryOption() {
    assertEquals(0, run("--help"));

    String help = out.toString();
    for (String option :
        List.of(
            "QUEUE",
            "--rate-limit",
            "--concurrency",
            "--prefetch",
            "--lease",
            "--progress",
            "--exit-when-empty")) {
      assertTrue(help.contains(option), option + " in\n" + help);
    }
  }
}
