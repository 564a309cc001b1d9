package dev.dbq.runtime.cli;

import dev.dbq.runtime.internal.TimeLimits;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code dbq delete-old-jobs}: deletes finished and abandoned jobs older than N hours. */
@Command(
    name = "delete-old-jobs",
    mixinStandardHelpOptions = true,
    description =
        "Delete COMPLETE, FAILED and CANCELLED jobs, and abandoned STOPPING ones (no claim), created more"
            + " than N hours ago (run it from cron to keep the table small). A job whose claim is"
            + " alive or can be rescued is never deleted.")
public final class DeleteOldJobsCommand implements Callable<Integer> {
  @ParentCommand private RootCommand root;

  @Option(
      names = "--hours",
      paramLabel = "N",
      defaultValue = "24",
      description =
          "Minimum age in hours, 0.." + TimeLimits.MAX_SPAN_HOURS + " (default: ${DEFAULT-VALUE}).")
  private long hours;

  @Override
  public Integer call() {
    if (hours < 0) {
      throw new BadInputException("--hours must be at least 0, was " + hours);
    }
    if (hours > TimeLimits.MAX_SPAN_HOURS) {
      throw new BadInputException(
          "--hours must be at most " + TimeLimits.MAX_SPAN_HOURS + " (1,000 years), was " + hours);
    }
    CliContext cli = root.context();
    int deleted = cli.dbq().deleteOldJobs(Duration.ofHours(hours));
    cli.out().printf("event=deleted_old_jobs count=%d hours=%d%n", deleted, hours);
    return 0;
  }
}
