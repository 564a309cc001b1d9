package dev.dbq.runtime;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code worker [QUEUE] [--rate-limit S] [--concurrency N] [--prefetch N] [--lease S]
 * [--exit-when-empty]}: runs a {@link DbqWorker} on {@code DBQ_JDBC_URL} with every {@link
 * JobCatalog} on the class path, until SIGTERM/SIGINT (graceful stop, exit 0) or, with {@code
 * --exit-when-empty}, until nothing runnable is left. Bad input exits 2 with one line on stderr.
 * {@code DbqCli} registers this class as its {@code worker} subcommand.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description =
        "Runs jobs of one queue until stopped (SIGTERM/SIGINT) or, with --exit-when-empty,"
            + " until nothing runnable is left.")
public final class WorkerCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = DbqWorker.DEFAULT_QUEUE,
      paramLabel = "QUEUE",
      description = "The queue to run (default: ${DEFAULT-VALUE}).")
  String queue;

  @Option(
      names = "--rate-limit",
      paramLabel = "S",
      defaultValue = "0",
      description =
          "Minimum seconds between two job starts of this worker (default: ${DEFAULT-VALUE}).")
  BigDecimal rateLimitSeconds;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "1",
      description = "Steps run at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--prefetch",
      paramLabel = "N",
      description =
          "Jobs claimed beyond the idle slots, held for them (0.."
              + DbqWorker.MAX_PREFETCH
              + "; default: what the slots start within 10 ms at their recent rate).")
  Integer prefetch;

  @Option(
      names = "--lease",
      paramLabel = "S",
      defaultValue = "60",
      description = "Seconds a claim lasts without a heartbeat (default: ${DEFAULT-VALUE}).")
  BigDecimal leaseSeconds;

  @Option(names = "--exit-when-empty", description = "Run what is runnable now, then exit 0.")
  boolean exitWhenEmpty;

  @Spec CommandSpec spec;

  private final Supplier<Dbq> database;
  private final Supplier<JobCatalog> catalog;

  /** The command as the command line uses it: {@link Dbq#fromEnvironment()}, all catalogs. */
  public WorkerCommand() {
    this(Dbq::fromEnvironment, JobCatalog::loadAll);
  }

  WorkerCommand(Supplier<Dbq> database, Supplier<JobCatalog> catalog) {
    this.database = database;
    this.catalog = catalog;
  }

  /**
   * Parses, runs and returns the exit code: 0 when done, 2 on bad input, 1 when the worker fails.
   *
   * @param args the arguments
   * @return the exit code
   */
  public static int run(String... args) {
    return commandLine(new WorkerCommand()).execute(args);
  }

  /**
   * A command line for the given command whose errors are one line on stderr.
   *
   * @param command the command
   * @return the configured command line
   */
  static CommandLine commandLine(WorkerCommand command) {
    CommandLine cl = new CommandLine(command);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("worker: " + DbqCli.reason(ex));
          err.flush();
          return CommandLine.ExitCode.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          err.println("worker: " + StepRunner.message(ex));
          err.flush();
          return CommandLine.ExitCode.SOFTWARE;
        });
    return cl;
  }

  @Override
  public Integer call() throws Exception {
    DbqWorker.Builder builder;
    try {
      builder =
          DbqWorker.builder()
              .queues(queue)
              .concurrency(concurrency)
              .rateLimit(seconds("--rate-limit", rateLimitSeconds))
              .lease(leaseOf(leaseSeconds));
      if (prefetch != null) {
        builder.prefetch(prefetch);
      }
      builder.catalog(catalog.get());
      builder.validate();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Dbq dbq;
    try {
      dbq = database.get();
    } catch (IllegalStateException | IllegalArgumentException e) {
      // no or a malformed DBQ_JDBC_URL
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    try (dbq) {
      DbqWorker worker;
      try {
        worker = builder.dbq(dbq).build();
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      WorkerHeap.keepSmall();
      if (exitWhenEmpty) {
        worker.runUntilEmpty();
        return CommandLine.ExitCode.OK;
      }
      Thread hook = new Thread(() -> stopOnSignal(worker), "dbq-worker-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      worker.start();
      worker.awaitTermination(Duration.ofDays(365_000));
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it stops the worker and exits
      }
      return CommandLine.ExitCode.OK;
    }
  }

  /**
   * SIGTERM/SIGINT: stop gracefully, then end the JVM with 0 (instead of 143/130): a graceful stop
   * is a success.
   */
  private static void stopOnSignal(DbqWorker worker) {
    if (worker.isRunning()) {
      worker.close();
      Runtime.getRuntime().halt(CommandLine.ExitCode.OK);
    }
  }

  private Duration leaseOf(BigDecimal seconds) {
    if (seconds.compareTo(BigDecimal.ONE) < 0) {
      throw new IllegalArgumentException(
          "--lease must be at least 1 second, was " + seconds.toPlainString());
    }
    return seconds("--lease", seconds);
  }

  private Duration seconds(String option, BigDecimal seconds) {
    if (seconds.signum() < 0) {
      throw new IllegalArgumentException(
          option + " must not be negative, was " + seconds.toPlainString());
    }
    return Duration.ofMillis(seconds.movePointRight(3).longValue());
  }
}
