package dev.dbq.runtime;

import dev.dbq.runtime.cli.WorkerCommand;
import java.time.Duration;
import java.util.Arrays;

/**
 * A worker process for {@code RecurringChaosTest}: the worker command exactly as {@link
 * DbqWorker#main} runs it, with one job, {@value #JOB}, fired every second (backfill one minute).
 *
 * <p>Arguments: the JDBC URL, then the worker command's own arguments.
 */
public final class RecurringWorkerMain {
  /** The scheduled job. */
  public static final String JOB = "tick";

  /** Its schedule. */
  public static final RecurringSchedule SCHEDULE =
      RecurringSchedule.cron("* * * * * *").backfill(Duration.ofMinutes(1));

  private RecurringWorkerMain() {}

  public static void main(String[] args) {
    String url = args[0];
    JobCatalog catalog =
        JobCatalog.of(
            JobDefinition.builder(JOB).step("run", call -> null).schedule(SCHEDULE).build());
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    System.exit(
        WorkerCommand.commandLine(new WorkerCommand(() -> Dbq.connect(url), () -> catalog))
            .execute(rest));
  }
}
