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
    boolean byIds = jobs.byIds();
    List<UUID> ids = byIds ? jobs.ids() : List.of();
    dev.dbq.runtime.JobFilter filter = byIds ? null : jobs.filter();
    CliContext cli = root.context();
    JobControl control = cli.dbq().control();
    JobActionResult result = byIds ? control.runNow(ids) : control.runNow(filter);
    JobActionReport.print(
        cli.out(),
        "made runnable now",
        EnumSet.of(JobState.NEW, JobState.READY),
        "not scheduled (it runs as soon as a worker is free)",
        result,
        ids);
    return 0;
  }
}
