package dev.dbq.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbq.runtime.cli.WorkerCommand;
import dev.dbq.runtime.internal.RefusedData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A worker process for the chaos suite ({@code dev.dbq.runtime.chaos}): the worker command exactly
 * as {@link DbqWorker#main} runs it, with one two-step job, {@value #JOB}, whose steps record each
 * execution in {@code chaos_step_log} so that the suite can count how often every step ran.
 *
 * <p>Arguments: the JDBC URL, how long each step works in milliseconds, then the worker command's
 * own arguments ({@code --concurrency}, {@code --lease}, ...).
 */
public final class ChaosWorkerMain {
  /** The job the suite enqueues. */
  public static final String JOB = "chaos";

  private static final String RECORD =
      "INSERT INTO chaos_step_log (run_id, job_id, step, pid) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (run_id) DO NOTHING";
  private static final long RECORD_DEADLINE_NANOS = 60_000_000_000L;

  private ChaosWorkerMain() {}

  public static void main(String[] args) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[0]);
    config.setPoolName("chaos-worker");
    HikariDataSource pool = new HikariDataSource(config);
    long stepMillis = Long.parseLong(args[1]);
    JobCatalog catalog =
        JobCatalog.of(
            JobDefinition.builder(JOB)
                .step("first", call -> work(pool, call, 0, stepMillis))
                .step("second", call -> work(pool, call, 1, stepMillis))
                .build());
    String[] rest = Arrays.copyOfRange(args, 2, args.length);
    System.exit(
        WorkerCommand.commandLine(new WorkerCommand(() -> Dbq.create(pool), () -> catalog))
            .execute(rest));
  }

  private static Object work(DataSource pool, Invocation call, int step, long stepMillis)
      throws Exception {
    record(pool, call.context().id(), step);
    if (stepMillis > 0) {
      Thread.sleep(stepMillis); // the job's own work
    }
    return null;
  }

  /**
   * Records one execution of a step. The step itself rides out connection faults, as a careful step
   * would: a lost connection is retried, and the run id keeps a retried insert whose first try
   * committed from counting twice.
   */
  private static void record(DataSource pool, UUID jobId, int step) throws Exception {
    UUID run = UUID.randomUUID();
    long deadline = System.nanoTime() + RECORD_DEADLINE_NANOS;
    long backoff = 20;
    while (true) {
      try (Connection c = pool.getConnection();
          PreparedStatement ps = c.prepareStatement(RECORD)) {
        ps.setObject(1, run);
        ps.setObject(2, jobId);
        ps.setInt(3, step);
        ps.setLong(4, ProcessHandle.current().pid());
        ps.executeUpdate();
        return;
      } catch (SQLException e) {
        if (RefusedData.is(e) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(backoff); // the step's own retry pause, in the worker process
        backoff = Math.min(backoff * 2, 1_000);
      }
    }
  }
}
