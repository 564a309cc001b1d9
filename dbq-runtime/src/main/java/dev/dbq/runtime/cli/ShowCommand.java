package dev.dbq.runtime.cli;

import dev.dbq.runtime.DbqCli;
import dev.dbq.runtime.JobInfo;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dbq show ID}: one job whole, with its steps by name and every run of each, errors with
 * their stack traces, and the workspace pretty-printed. A job that does not exist (never enqueued,
 * or deleted) is exit 1, like a look-up that finds nothing; a malformed id is bad input, exit 2.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Show one job: its state, its steps and every run of each (errors with stack traces),"
            + " and its workspace.")
public final class ShowCommand implements Callable<Integer> {
  @ParentCommand private RootCommand root;

  @Parameters(index = "0", paramLabel = "ID", description = "The job's id, a UUID.")
  private String id;

  @Override
  public Integer call() {
    CliContext cli = root.context();
    UUID uuid = parse(id);
    Optional<JobInfo> job = cli.dbq().findJob(uuid);
    if (job.isEmpty()) {
      cli.err().println("show: no job " + uuid + " (never enqueued, or deleted)");
      return DbqCli.FAILED;
    }
    JobDetails.print(cli.out(), job.get());
    return 0;
  }

  private static UUID parse(String text) {
    // UUID.fromString takes "1-2-3-4-5" too; only the canonical form names a job
    if (!text.matches(
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
      throw new BadInputException(
          "'"
              + text
              + "' is not a job id: give a UUID such as 1b4e28ba-2fa1-11d2-883f-0016d3cca427");
    }
    return UUID.fromString(text);
  }
}
