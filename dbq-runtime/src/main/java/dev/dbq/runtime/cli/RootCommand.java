package dev.dbq.runtime.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code dbq} command itself; it only dispatches. */
@Command(
    name = "dbq",
    mixinStandardHelpOptions = true,
    versionProvider = DbqVersion.class,
    description = "Manage dbq job queues in the PostgreSQL database named by DBQ_JDBC_URL.",
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
