package dev.dbq.runtime.cli;

import dev.dbq.runtime.JobControl;
import dev.dbq.runtime.JobState;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code dbq run-now}: scheduled jobs made runnable now. */
@Command(
    name = "run-now",
    mixinStandardHelpOptions = true,
    description =
        "Make scheduled jobs runnable now: a NEW or READY job whose run-after is in the future (a"
            + " delayed job, or a retry waiting out its backoff) has it cleared. Prints how many it"
            + " changed and which of the given ids it left alone.")
public final class RunNowCommand implements Callable<Integer> {
  @ParentCommand private RootCommand root;
  @Mixin private JobSelection jobs;

  @Override
  public Integer call() {
    return jobs.apply(
        root.context(),
        JobControl::runNow,
        JobControl::runNow,
        "made runnable now",
        EnumSet.of(JobState.NEW, JobState.READY),
        "not scheduled (it runs as soon as a worker is free)");
  }
}
