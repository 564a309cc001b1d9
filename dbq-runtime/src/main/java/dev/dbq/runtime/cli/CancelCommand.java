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

/** {@code dbq cancel}: waiting jobs CANCELLED at once, running ones asked to stop. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description =
        "Cancel jobs: NEW and READY ones become CANCELLED at once; a running (PROCESSING or"
            + " STOPPING) one is asked to stop, its step interrupted after the worker's grace"
            + " period, and ends CANCELLED. Prints how many it cancelled, how many it asked to"
            + " stop, and which of the given ids it left alone.")
public final class CancelCommand implements Callable<Integer> {
  @ParentCommand private RootCommand root;
  @Mixin private JobSelection jobs;

  @Override
  public Integer call() {
    boolean byIds = jobs.byIds();
    List<UUID> ids = byIds ? jobs.ids() : List.of();
    dev.dbq.runtime.JobFilter filter = byIds ? null : jobs.filter();
    CliContext cli = root.context();
    JobControl control = cli.dbq().control();
    JobActionResult result = byIds ? control.cancel(ids) : control.cancel(filter);
    JobActionReport.print(
        cli.out(),
        "cancelled",
        EnumSet.of(JobState.NEW, JobState.READY, JobState.PROCESSING, JobState.STOPPING),
        "asked to stop already",
        result,
        ids);
    return 0;
  }
}
