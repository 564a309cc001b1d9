package dev.dbq.runtime.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code dbq} command itself; it only dispatches. */
@Command(
    name = "dbq",
    mixinStandardHelpOptions = true,
    versionProvider = DbqVersion.class,
    description =
        "Manage dbq job queues in the PostgreSQL database named by DBQ_JDBC_URL (and in those"
            + " that DBQ_ROUTES or --route name for some queues).",
    subcommands = {
      MigrateCommand.class,
      CreateJobCommand.class,
      QueueDepthCommand.class,
      DeleteOldJobsCommand.class,
      ListCommand.class,
      ShowCommand.class,
      RetryCommand.class,
      CancelCommand.class,
      DeleteCommand.class,
      RunNowCommand.class,
      SchedulesCommand.class,
      QueuesCommand.class,
      PauseCommand.class,
      ResumeCommand.class,
      LimitCommand.class,
      DashboardCommand.class
    })
public final class RootCommand implements Runnable {
  private final CliContext context;
  @Spec private CommandSpec spec;

  /**
   * Routes beside those of {@code DBQ_ROUTES}, before the command ({@code dbq --route ... list}).
   * Picocli calls this with every value so far each time it reads one, so the last call holds all.
   */
  @Option(
      names = "--route",
      paramLabel = "QUEUES=URL",
      description =
          "Serve these queues (comma-separated) from another database, as an entry of DBQ_ROUTES"
              + " does; repeatable, before the command, e.g. dbq --route"
              + " imports,reports=jdbc:postgresql://db2:5432/app queue-depth.")
  void route(List<String> routes) {
    context.routes(routes);
  }

  public RootCommand(CliContext context) {
    this.context = context;
  }

  public CliContext context() {
    return context;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required");
  }
}
