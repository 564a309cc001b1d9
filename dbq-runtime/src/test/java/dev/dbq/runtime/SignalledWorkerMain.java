package dev.dbq.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The worker command as {@link DbqWorker#main} runs it, on the test's database and with a job whose
 * step takes three seconds: {@link WorkerSignalTest} sends it SIGTERM mid-step.
 */
public final class SignalledWorkerMain {
  /** The line the step prints when it starts: the test waits for it before it signals. */
  static final String STEP_STARTED = "signalled-worker: step started";

  private SignalledWorkerMain() {}

  public static void main(String[] args) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[0]);
    HikariDataSource pool = new HikariDataSource(config);
    JobCatalog catalog =
        JobCatalog.of(
            JobDefinition.builder("slow")
                .step(
                    "work",
                    call -> {
                      System.out.println(STEP_STARTED);
                      System.out.flush();
                      Thread.sleep(3_000); // the job's own work, still running when SIGTERM comes
                      call.context().workspace().put("finished", true);
                      return null;
                    })
                .build());
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    System.exit(
        WorkerCommand.commandLine(new WorkerCommand(() -> Dbq.create(pool), () -> catalog))
            .execute(rest));
  }
}
