package dev.dbq.runtime.cli;

import dev.dbq.runtime.JobActionResult;
import dev.dbq.runtime.JobControl;
import dev.dbq.runtime.JobState;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code dbq retry}: FAILED and CANCELLED jobs back to READY, runnable now. */
@Command(
    name = "retry",
    mixinStandardHelpOptions = true,
    description =
        "Put FAILED and CANCELLED jobs back to READY at the step they stopped at (or"
            + " --from-step), their attempts reset, runnable now. Prints how many it retried and"
            + " which of the given ids it left alone.")
public final class RetryCommand implements Callable<Integer> {
  @ParentCommand private RootCommand root;
  @Mixin private JobSelection jobs;

  @Option(
      names = "--from-step",
      paramLabel = "K",
      description =
          "Run from the step with this index (0 for the first, as JobContext.stepIndex()); checked"
              + " against each job's steps when this application's catalog knows the job.")
  private Integer fromStep;

  @Override
  public Integer call() {
    boolean byIds = jobs.byIds();
    List<java.util.UUID> ids = byIds ? jobs.ids() : List.of();
    dev.dbq.runtime.JobFilter filter = byIds ? null : jobs.filter();
    if (fromStep != null && fromStep < 0) {
      throw new BadInputException("--from-step must be a step index, 0 or more, was " + fromStep);
    }
    CliContext cli = root.context();
    JobControl control = cli.dbq().control().withCatalog(cli.catalog());
    JobActionResult result;
    if (fromStep == null) {
      result = byIds ? control.retry(ids) : control.retry(filter);
    } else {
      result = byIds ? control.retry(ids, fromStep) : control.retry(filter, fromStep);
    }
    JobActionReport.print(
        cli.out(),
        "retried",
        EnumSet.of(JobState.FAILED, JobState.CANCELLED),
        "and was retried meanwhile",
        result,
        ids);
    return 0;
  }
}
