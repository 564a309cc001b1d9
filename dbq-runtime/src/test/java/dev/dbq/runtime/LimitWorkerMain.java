package dev.dbq.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbq.runtime.cli.WorkerCommand;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A worker process for {@link QueueLimitProcessTest}: the worker command exactly as {@link
 * DbqWorker#main} runs it, with one job, {@value #JOB}, whose step keeps its own count of the steps
 * running at once, in every process together: it adds itself to {@code limit_probe.running} (and
 * raises {@code peak} to what it reached) before it works, and takes itself off after; each run is
 * recorded in {@code limit_run}.
 *
 * <p>Arguments: the JDBC URL, how long each step works in milliseconds, then the worker command's
 * own arguments.
 */
public final class LimitWorkerMain {
  /** The job the test enqueues. */
  public static final String JOB = "limited";

  private static final String ENTER =
      "UPDATE limit_probe SET running = running + 1, peak = greatest(peak, running + 1)";
  private static final String LEAVE = "UPDATE limit_probe SET running = running - 1";
  private static final String RECORD = "INSERT INTO limit_run (job_id, pid) VALUES (?, ?)";

  private LimitWorkerMain() {}

  public static void main(String[] args) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[0]);
    config.setPoolName("limit-worker");
    config.setMaximumPoolSize(6);
    HikariDataSource pool = new HikariDataSource(config);
    long stepMillis = Long.parseLong(args[1]);
    JobCatalog catalog =
        JobCatalog.of(
            JobDefinition.builder(JOB)
                .step("run", call -> work(pool, call.context().id(), stepMillis))
                .build());
    String[] rest = Arrays.copyOfRange(args, 2, args.length);
    System.exit(
        WorkerCommand.commandLine(new WorkerCommand(() -> Dbq.create(pool), () -> catalog))
            .execute(rest));
  }

  private static Object work(DataSource pool, UUID job, long stepMillis) throws Exception {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(true);
      try (PreparedStatement enter = c.prepareStatement(ENTER);
          PreparedStatement record = c.prepareStatement(RECORD)) {
        enter.executeUpdate();
        record.setObject(1, job);
        record.setLong(2, ProcessHandle.current().pid());
        record.executeUpdate();
      }
    }
    try {
      Thread.sleep(stepMillis); // the job's own work
    } finally {
      try (Connection c = pool.getConnection();
          PreparedStatement leave = c.prepareStatement(LEAVE)) {
        c.setAutoCommit(true);
        leave.executeUpdate();
      }
    }
    return null;
  }
}
