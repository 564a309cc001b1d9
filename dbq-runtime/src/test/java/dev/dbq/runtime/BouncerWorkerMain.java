package dev.dbq.runtime;

import dev.dbq.runtime.cli.WorkerCommand;
import java.sql.Connection;
import java.sql.PreparedStatement;

/**
 * A worker process for {@link PgBouncerTest}: the worker command exactly as {@link DbqWorker#main}
 * runs it, on {@link Dbq#fromEnvironment()} (so {@code DBQ_JDBC_URL} through pgbouncer and {@code
 * DBQ_TRANSACTION_POOLING=true}), with one job, {@value #JOB}, whose step records its run in {@code
 * bouncer_run} on the worker's own data source. Arguments: the worker command's.
 */
public final class BouncerWorkerMain {
  /** The job the test enqueues. */
  public static final String JOB = "recorded";

  private static final String RECORD = "INSERT INTO bouncer_run (job_id, pid) VALUES (?, ?)";

  private BouncerWorkerMain() {}

  public static void main(String[] args) {
    Dbq dbq = Dbq.fromEnvironment();
    JobCatalog catalog =
        JobCatalog.of(
            JobDefinition.builder(JOB)
                .step(
                    "run",
                    call -> {
                      try (Connection c = dbq.dataSource().getConnection();
                          PreparedStatement record = c.prepareStatement(RECORD)) {
                        c.setAutoCommit(true);
                        record.setObject(1, call.context().id());
                        record.setLong(2, ProcessHandle.current().pid());
                        record.executeUpdate();
                      }
                      return null;
                    })
                .build());
    System.exit(
        WorkerCommand.commandLine(new WorkerCommand(() -> dbq, () -> catalog)).execute(args));
  }
}
