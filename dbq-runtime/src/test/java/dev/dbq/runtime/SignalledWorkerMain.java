package dev.dbq.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbq.runtime.cli.WorkerCommand;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The worker command as {@link DbqWorker#main} runs it, on the test's database and with a job whose
 * step runs until the worker marks it STOPPING: {@link WorkerSignalTest} sends it SIGTERM mid-step.
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
                      // the job's own work lasts until the worker, signalled, marks it STOPPING
                      Await.until(
                          "the SIGTERM to mark the job STOPPING",
                          () -> stopping(pool),
                          Duration.ofSeconds(60));
                      call.context().workspace().put("finished", true);
                      return null;
                    })
                .build());
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    System.exit(
        WorkerCommand.commandLine(new WorkerCommand(() -> Dbq.create(pool), () -> catalog))
            .execute(rest));
  }

  private static boolean stopping(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM dbq_job WHERE state = 'STOPPING'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }
}
