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
 * [--vacuum-every N] [--exit-when-empty]}: runs a {@link DbqWorker} on {@code DBQ_JDBC_URL} with
 * every {@link JobCatalog} on the class path, until SIGTERM/SIGINT (graceful stop, exit 0) or, with
 * {@code --exit-when-empty}, until nothing runnable is left. Bad input exits 2 with one line on
 * stderr, every numeric option bounded and the bound named; a step that calls {@code System.exit}
 * ends it with exit 1 and a line saying so. {@code DbqCli} registers this class as its {@code
 * worker} subcommand.
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
          "Minimum seconds between two job starts of this worker (0..86400, default:"
              + " ${DEFAULT-VALUE}).")
  BigDecimal rateLimitSeconds;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Steps run at once (1.." + DbqWorker.MAX_CONCURRENCY + ", default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--prefetch",
      paramLabel = "N",
      defaultValue = "" + DbqWorker.DEFAULT_PREFETCH,
      description =
          "Jobs claimed beyond the idle slots, held for them (0.."
              + DbqWorker.MAX_PREFETCH
              + ", default: ${DEFAULT-VALUE}); raises throughput when steps are short.")
  int prefetch;

  @Option(
      names = "--lease",
      paramLabel = "S",
      defaultValue = "60",
      description =
          "Seconds a claim lasts without a heartbeat (1..86400, default: ${DEFAULT-VALUE}).")
  BigDecimal leaseSeconds;

  @Option(
      names = "--vacuum-every",
      paramLabel = "N",
      defaultValue = "" + DbqWorker.DEFAULT_VACUUM_EVERY,
      description =
          "Vacuum dbq_job after every N jobs this worker claimed (0 = never, else at least 1000;"
              + " default: ${DEFAULT-VALUE}); the database user must own the table.")
  int vacuumEvery;

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
          err.println(CliContext.redactFor(System.getenv(), "worker: " + DbqCli.reason(ex)));
          err.flush();
          return CommandLine.ExitCode.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          err.println(CliContext.redactFor(System.getenv(), "worker: " + StepRunner.message(ex)));
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
              .prefetch(prefetch)
              .vacuumEvery(vacuumEvery)
              .rateLimit(seconds("--rate-limit", rateLimitSeconds, DbqWorker.MAX_RATE_LIMIT))
              .lease(leaseOf(leaseSeconds));
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
      // in both modes: a signal, or a step calling System.exit, stops the worker gracefully
      Thread hook = new Thread(() -> stopOnSignal(worker), "dbq-worker-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      if (exitWhenEmpty) {
        worker.runUntilEmpty();
      } else {
        worker.start();
        worker.awaitTermination(Duration.ofDays(365_000));
      }
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
   * is a success. A step that called {@code System.exit} is not: its job goes back with the run
   * counted, the worker says so on stderr and exits 1.
   */
  private static void stopOnSignal(DbqWorker worker) {
    if (worker.isRunning()) {
      worker.close();
      String stepExit = worker.stepExit();
      if (stepExit != null) {
        System.err.println(
            "worker "
                + worker.workerId()
                + ": "
                + stepExit
                + "; stopped without a clean stop, exit status "
                + CommandLine.ExitCode.SOFTWARE);
        System.err.flush();
        Runtime.getRuntime().halt(CommandLine.ExitCode.SOFTWARE);
      }
      Runtime.getRuntime().halt(CommandLine.ExitCode.OK);
    }
  }

  private Duration leaseOf(BigDecimal seconds) {
    if (seconds.compareTo(BigDecimal.ONE) < 0) {
      throw new IllegalArgumentException(
          "--lease must be at least 1 second, was " + shown(seconds));
    }
    return seconds("--lease", seconds, DbqWorker.MAX_LEASE);
  }

  /**
   * Whole milliseconds of a seconds option, bounded before any arithmetic: {@code 1e30} seconds
   * would overflow a long (and did, into a lease PostgreSQL refused at every claim).
   */
  private static Duration seconds(String option, BigDecimal seconds, Duration max) {
    if (seconds.signum() < 0) {
      throw new IllegalArgumentException(option + " must not be negative, was " + shown(seconds));
    }
    if (seconds.compareTo(BigDecimal.valueOf(max.toSeconds())) > 0) {
      throw new IllegalArgumentException(
          option + " must be at most " + max.toSeconds() + " seconds, was " + shown(seconds));
    }
    return Duration.ofMillis(seconds.movePointRight(3).longValue());
  }

  /**
   * As typed for small values; in exponent form for absurd ones (1e999999999 has no short plain
   * form).
   */
  private static String shown(BigDecimal value) {
    return value.precision() - value.scale() > 30 ? value.toString() : value.toPlainString();
  }
}
