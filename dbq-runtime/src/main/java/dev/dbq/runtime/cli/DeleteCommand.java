package dev.dbq.runtime.cli;

import dev.dbq.runtime.JobActionResult;
import dev.dbq.runtime.JobControl;
import dev.dbq.runtime.JobState;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code dbq delete}: deletes jobs no worker holds. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description =
        "Delete jobs, with their history, in any state but PROCESSING and STOPPING (cancel a"
            + " running job first). Prints how many it deleted and which of the given ids it left"
            + " alone.")
public final class DeleteCommand implements Callable<Integer> {
  @ParentCommand private RootCommand root;
  @Mixin private JobSelection jobs;

  @Override
  public Integer call() {
    boolean byIds = jobs.byIds();
    List<UUID> ids = byIds ? jobs.ids() : List.of();
    dev.dbq.runtime.JobFilter filter = byIds ? null : jobs.filter();
    CliContext cli = root.context();
    JobControl control = cli.dbq().control();
    JobActionResult result = byIds ? control.delete(ids) : control.delete(filter);
    JobActionReport.print(
        cli.out(),
        "deleted",
        EnumSet.complementOf(EnumSet.of(JobState.PROCESSING, JobState.STOPPING)),
        "and was claimed meanwhile",
        result,
        ids);
    return 0;
  }
}
