package dev.dbq.runtime;

import dev.dbq.runtime.cli.BadInputException;
import dev.dbq.runtime.cli.CliContext;
import dev.dbq.runtime.cli.CliLogging;
import dev.dbq.runtime.cli.DbqVersion;
import dev.dbq.runtime.cli.RootCommand;
import dev.dbq.runtime.cli.WorkerCommand;
import dev.dbq.runtime.internal.PermanentFault;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The management commands, django-db-queue's {@code manage.py} commands for dbq:
 *
 * <pre>
 * dbq migrate
 * dbq create-job NAME [--queue-name Q] [--workspace JSON] [--priority N] [--run-after ISO-8601]
 * dbq queue-depth [QUEUE ... | --all] [--exclude-future-jobs]
 * dbq delete-old-jobs [--hours N]
 * dbq queues [--json]
 * dbq pause QUEUE...
 * dbq resume QUEUE...
 * dbq limit QUEUE (N | --none)
 * dbq list [--state S] [--queue Q] [--name N] [--where JSON] [--limit N] [--after CURSOR] [--json]
 * dbq show ID
 * dbq worker [QUEUE ...] [--rate-limit S] [--concurrency N] [--prefetch N] [--lease S]
 *     [--progress S] [--vacuum-every N] [--no-history] [--exit-when-empty]
 * dbq --version
 * </pre>
 *
 * <p>The database comes from {@code DBQ_JDBC_URL} (optional {@code DBQ_USER}, {@code
 * DBQ_PASSWORD}), and the databases of routed queues from {@link Dbq#ENV_ROUTES DBQ_ROUTES} and
 * {@code dbq --route QUEUES=URL} before the command; the jobs from every {@link JobCatalog} on the
 * class path. Exit status: 0 on success, 2 on bad input (one line on stderr, nothing written to the
 * database), 1 when the database fails (one line; for an error that waiting cannot mend, such as
 * missing tables, it names the fix).
 */
public final class DbqCli {
  /** Exit status for success. */
  public static final int OK = 0;

  /** Exit status when the database or a job failed. */
  public static final int FAILED = 1;

  /** Exit status for bad input; nothing was written. */
  public static final int BAD_INPUT = 2;

  private DbqCli() {}

  /**
   * Runs one command and exits the JVM with its status.
   *
   * @param args the command line, e.g. {@code queue-depth default imports}
   */
  public static void main(String[] args) {
    CliLogging.prepare();
    System.exit(run(args));
  }

  /**
   * Runs one command against this process's environment and class path, without exiting.
   *
   * @param args the command line
   * @return the exit status: {@link #OK}, {@link #FAILED} or {@link #BAD_INPUT}
   */
  public static int run(String... args) {
    return run(System.getenv(), args);
  }

  /**
   * Runs one command against the given environment (for {@code DBQ_JDBC_URL}, {@code DBQ_USER},
   * {@code DBQ_PASSWORD}) and this process's class path, without exiting.
   *
   * @param environment the variables to read the database from
   * @param args the command line
   * @return the exit status: {@link #OK}, {@link #FAILED} or {@link #BAD_INPUT}
   */
  public static int run(Map<String, String> environment, String... args) {
    return run(
        environment,
        JobCatalog::loadAll,
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        args);
  }

  static int run(
      Map<String, String> environment,
      Supplier<JobCatalog> catalog,
      PrintWriter out,
      PrintWriter err,
      String... args) {
    CliLogging.prepare();
    try (CliContext context = new CliContext(environment, catalog, out, err)) {
      CommandLine commandLine = commandLine(context);
      return commandLine.execute(args);
    }
  }

  static CommandLine commandLine(CliContext context) {
    RootCommand root = new RootCommand(context);
    CommandLine commandLine = new CommandLine(root);
    commandLine.addSubcommand("worker", new WorkerCommand(context::dbq, context::catalog));
    // every command's --version prints dbq's, not only the root's
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      sub.getCommandSpec().versionProvider(new DbqVersion());
    }
    commandLine.setOut(context.out());
    commandLine.setErr(context.err());
    commandLine.setParameterExceptionHandler(new BadArguments(context));
    commandLine.setExecutionExceptionHandler(new Failures(context));
    return commandLine;
  }

  static String oneLine(String message) {
    return String.join(" ", message.lines().map(String::trim).toList());
  }

  /** Bad arguments: one line naming the problem, exit 2. */
  private static final class BadArguments implements IParameterExceptionHandler {
    private final CliContext context;

    BadArguments(CliContext context) {
      this.context = context;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
      String command = e.getCommandLine().getCommandSpec().qualifiedName();
      context
          .err()
          .println(
              context.redact(
                  command + ": " + CliContext.reason(e) + " (see " + command + " --help)"));
      return BAD_INPUT;
    }
  }

  /** A command threw: bad input is exit 2, anything else exit 1; one line either way. */
  private static final class Failures implements IExecutionExceptionHandler {
    private final CliContext context;

    Failures(CliContext context) {
      this.context = context;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
      String command = commandLine.getCommandSpec().qualifiedName();
      if (e instanceof BadInputException
          || e instanceof WorkspaceException
          || e instanceof IllegalArgumentException) {
        context.err().println(context.redact(command + ": " + e.getMessage()));
        return BAD_INPUT;
      }
      PermanentFault fault = PermanentFault.in(e).map(f -> f.forCommand(command)).orElse(null);
      if (fault != null) {
        context.err().println(context.redact(command + ": " + fault.line()));
        return FAILED;
      }
      String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
      // one line: PostgreSQL's messages go on with "Position: ..." and hints
      context.err().println(context.redact(command + ": failed: " + oneLine(message)));
      return FAILED;
    }
  }
}
