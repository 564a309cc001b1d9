package dev.dbq.runtime.cli;

import dev.dbq.runtime.JobControl;
import dev.dbq.runtime.JobState;
import java.util.EnumSet;
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
    return jobs.apply(
        root.context(),
        JobControl::delete,
        JobControl::delete,
        "deleted",
        EnumSet.complementOf(EnumSet.of(JobState.PROCESSING, JobState.STOPPING)),
        "and was claimed meanwhile");
  }
}
