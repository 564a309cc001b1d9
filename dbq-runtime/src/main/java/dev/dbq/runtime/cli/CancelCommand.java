package dev.dbq.runtime.cli;

import dev.dbq.runtime.JobControl;
import dev.dbq.runtime.JobState;
import java.util.EnumSet;
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
    return jobs.apply(
        root.context(),
        JobControl::cancel,
        JobControl::cancel,
        "cancelled",
        EnumSet.of(JobState.NEW, JobState.READY, JobState.PROCESSING, JobState.STOPPING),
        "asked to stop already");
  }
}
