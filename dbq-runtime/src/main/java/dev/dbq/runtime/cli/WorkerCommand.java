package dev.dbq.runtime.cli;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqException;
import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.internal.TimeLimits;
import dev.dbq.runtime.internal.worker.StepRunner;
import dev.dbq.runtime.internal.worker.WorkerAccess;
import dev.dbq.runtime.internal.worker.WorkerHeap;
import dev.dbq.runtime.internal.worker.WorkerProgress;
import dev.dbq.runtime.internal.worker.WorkerSettings;
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
 * [--progress S] [--vacuum-every N] [--step-timeout D] [--exit-when-empty]}: runs a {@link
 * DbqWorker} on {@code DBQ_JDBC_URL} with every {@link JobCatalog} on the class path, until
 * SIGTERM/SIGINT (graceful stop, exit 0) or, with {@code --exit-when-empty}, until nothing runnable
 * is left. Bad input exits 2 with one line on stderr, every numeric option bounded and the bound
 * named; a step that calls {@code System.exit} ends it with exit 1 and a line saying so; a database
 * error that waiting cannot mend (no dbq tables, a wrong password) exits 1 after the worker logged
 * one line naming the fix. The worker logs its start, a progress line every {@code --progress}
 * seconds while it works, each failed job, and its stop; with no SLF4J provider on the class path
 * these go to stderr ({@link CliLogging}). {@code DbqCli} registers this class as its {@code
 * worker} subcommand.
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
      defaultValue = "" + WorkerSettings.DEFAULT_RATE_LIMIT_SECONDS,
      description =
          "Minimum seconds between two job starts of this worker (0..86400, default:"
              + " ${DEFAULT-VALUE}).")
  BigDecimal rateLimitSeconds;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "" + DbqWorker.DEFAULT_CONCURRENCY,
      description =
          "Steps run at once (1.." + DbqWorker.MAX_CONCURRENCY + ", default: ${DEFAULT-VALUE}).")
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
      defaultValue = "" + WorkerSettings.DEFAULT_LEASE_SECONDS,
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

  @Option(
      names = "--step-timeout",
      paramLabel = "D",
      description =
          "Interrupt a step that runs longer than this and fail the attempt (retried while"
              + " attempts remain), for steps without a timeout of their own: as @Step(timeout),"
              + " e.g. 30s, 5m, 1m30s, 250ms, PT30S (default: none).")
  String stepTimeout;

  @Option(names = "--exit-when-empty", description = "Run what is runnable now, then exit 0.")
  boolean exitWhenEmpty;

  @Spec CommandSpec spec;

  private final Supplier<Dbq> database;
  private final Supplier<JobCatalog> catalog;

  /** The command as the command line uses it: {@link Dbq#fromEnvironment()}, all catalogs. */
  public WorkerCommand() {
    this(Dbq::fromEnvironment, JobCatalog::loadAll);
  }

  public WorkerCommand(Supplier<Dbq> database, Supplier<JobCatalog> catalog) {
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
  public static CommandLine commandLine(WorkerCommand command) {
    CommandLine cl = new CommandLine(command);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println(CliContext.redactFor(System.getenv(), "worker: " + CliContext.reason(ex)));
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
    AtomicReference<DbqWorker> built = new AtomicReference<>();
    WorkerProgress progress =
        new WorkerProgress(
            Clock.systemUTC(),
            () -> {
              DbqWorker w = built.get();
              return w == null ? 0 : WorkerAccess.inFlight(w);
            });
    try {
      if (progressSeconds < 0) {
        throw new IllegalArgumentException(
            "--progress must not be negative (0 for no progress lines), was " + progressSeconds);
      }
      builder =
          WorkerAccess.events(DbqWorker.builder(), progress)
              .queues(
                  queues.isEmpty()
                      ? new String[] {DbqWorker.DEFAULT_QUEUE}
                      : queues.toArray(String[]::new))
              .concurrency(concurrency)
              .vacuumEvery(vacuumEvery)
              .rateLimit(seconds("--rate-limit", rateLimitSeconds, DbqWorker.MAX_RATE_LIMIT))
              .lease(leaseOf(leaseSeconds));
      if (prefetch != null) {
        builder.prefetch(prefetch);
      }
      if (stepTimeout != null) {
        builder.stepTimeout(DurationText.parse("--step-timeout", stepTimeout));
      }
      builder.catalog(catalog.get());
      WorkerAccess.validate(builder);
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
      WorkerHeap.keepSmall();
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
    // in both modes: a signal, or a step calling System.exit, stops the worker gracefully
    Thread hook = new Thread(() -> stopOnSignal(worker), "dbq-worker-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
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
      worker.start();
      worker.awaitTermination(TimeLimits.FOREVER);
      return worker.failure().isPresent() ? CommandLine.ExitCode.SOFTWARE : CommandLine.ExitCode.OK;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it stops the worker and exits
      }
    }
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
   * is a success. A step that called {@code System.exit} is not: its job goes back with the run
   * counted, the worker says so on stderr and exits 1.
   */
  private static void stopOnSignal(DbqWorker worker) {
    if (worker.isRunning()) {
      worker.close();
      String stepExit = WorkerAccess.stepExit(worker);
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
