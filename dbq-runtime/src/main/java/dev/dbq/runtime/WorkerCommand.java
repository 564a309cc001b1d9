package dev.dbq.runtime;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code worker [QUEUE ...] [--rate-limit S] [--concurrency N] [--prefetch N] [--lease S]
 * [--progress S] [--exit-when-empty]}: runs a {@link DbqWorker} on {@code DBQ_JDBC_URL} with every
 * {@link JobCatalog} on the class path, until SIGTERM/SIGINT (graceful stop, exit 0) or, with
 * {@code --exit-when-empty}, until nothing runnable is left. Bad input exits 2 with one line on
 * stderr; a database error that waiting cannot mend (no dbq tables, a wrong password) exits 1 after
 * the worker logged one line naming the fix. The worker logs its start, a progress line every
 * {@code --progress} seconds while it works, each failed job, and its stop; with no SLF4J provider
 * on the class path these go to stderr ({@link CliLogging}). {@code DbqCli} registers this class as
 * its {@code worker} subcommand.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    versionProvider = DbqVersion.class,
    description =
        "Runs jobs of the given queues until stopped (SIGTERM/SIGINT) or, with --exit-when-empty,"
            + " until nothing runnable is left.")
public final class WorkerCommand implements Callable<Integer> {
  /** Seconds between two progress lines unless {@code --progress} says otherwise. */
  static final int DEFAULT_PROGRESS_SECONDS = 10;

  @Parameters(
      arity = "0..*",
      paramLabel = "QUEUE",
      description =
          "The queues to run, one worker for all (default: " + DbqWorker.DEFAULT_QUEUE + ").")
  List<String> queues = new ArrayList<>();

  @Option(
      names = "--progress",
      paramLabel = "S",
      defaultValue = "" + DEFAULT_PROGRESS_SECONDS,
      description =
          "Seconds between two progress lines while jobs run; 0 for none (default:"
              + " ${DEFAULT-VALUE}).")
  int progressSeconds;

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
    CliLogging.prepare();
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
    AtomicReference<DbqWorker> built = new AtomicReference<>();
    WorkerProgress progress =
        new WorkerProgress(
            Clock.systemUTC(),
            () -> {
              DbqWorker w = built.get();
              return w == null ? 0 : w.inFlight();
            });
    try {
      if (progressSeconds < 0) {
        throw new IllegalArgumentException(
            "--progress must not be negative (0 for no progress lines), was " + progressSeconds);
      }
      builder =
          DbqWorker.builder()
              .queues(
                  queues.isEmpty()
                      ? new String[] {DbqWorker.DEFAULT_QUEUE}
                      : queues.toArray(String[]::new))
              .events(progress)
              .concurrency(concurrency)
              .prefetch(prefetch)
              .rateLimit(seconds("--rate-limit", rateLimitSeconds))
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
      built.set(worker);
      ScheduledExecutorService timer = progressTimer(progress);
      try {
        return runWorker(worker);
      } finally {
        if (timer != null) {
          timer.shutdownNow();
        }
      }
    }
  }

  /**
   * Runs the worker to its end. A worker that a permanent database fault stopped has logged one
   * line naming the fix already: the command adds nothing and exits 1.
   */
  private int runWorker(DbqWorker worker) throws InterruptedException {
    if (exitWhenEmpty) {
      try {
        worker.runUntilEmpty();
      } catch (DbqException e) {
        if (worker.failure().isPresent()) {
          return CommandLine.ExitCode.SOFTWARE;
        }
        throw e;
      }
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
    return worker.failure().isPresent() ? CommandLine.ExitCode.SOFTWARE : CommandLine.ExitCode.OK;
  }

  private ScheduledExecutorService progressTimer(WorkerProgress progress) {
    if (progressSeconds == 0) {
      return null;
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dbq-worker-progress");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(progress::report, progressSeconds, progressSeconds, TimeUnit.SECONDS);
    return timer;
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
