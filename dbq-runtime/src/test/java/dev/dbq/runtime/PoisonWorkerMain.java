package dev.dbq.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbq.runtime.cli.WorkerCommand;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A worker process whose jobs end their runs without a saved result, for {@link
 * PoisonPillProcessTest}: {@value #OOM} exhausts the heap for real, {@value #EXIT} calls {@code
 * System.exit(0)}, {@value #SLOW} works for two seconds, {@value #PLAIN} completes. Every run is
 * recorded in {@code poison_run} first.
 *
 * <p>Arguments: the JDBC URL, then the worker command's own arguments.
 */
public final class PoisonWorkerMain {
  static final String OOM = "oom";
  static final String EXIT = "exits";
  static final String PLAIN = "plain";
  static final String SLOW = "slow";

  private PoisonWorkerMain() {}

  public static void main(String[] args) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[0]);
    config.setMaximumPoolSize(4);
    HikariDataSource pool = new HikariDataSource(config);
    JobCatalog catalog =
        JobCatalog.of(
            JobDefinition.builder(OOM)
                .step(
                    "eat",
                    call -> {
                      record(pool, call.context().id());
                      List<long[]> heap = new ArrayList<>();
                      while (true) {
                        heap.add(new long[1 << 20]);
                      }
                    })
                .build(),
            JobDefinition.builder(EXIT)
                .step(
                    "leave",
                    call -> {
                      record(pool, call.context().id());
                      awaitSlowStepsStarted(pool);
                      System.exit(0);
                      return null;
                    })
                .build(),
            JobDefinition.builder(SLOW)
                .step(
                    "work",
                    call -> {
                      record(pool, call.context().id());
                      Thread.sleep(2_000); // the job's own work, in the worker process
                      return null;
                    })
                .build(),
            JobDefinition.builder(PLAIN)
                .step(
                    "run",
                    call -> {
                      record(pool, call.context().id());
                      return null;
                    })
                .build());
    System.exit(
        WorkerCommand.commandLine(new WorkerCommand(() -> Dbq.create(pool), () -> catalog))
            .execute(Arrays.copyOfRange(args, 1, args.length)));
  }

  /** So that a test can tell the steps running beside an exit: they have all started. */
  private static void awaitSlowStepsStarted(DataSource pool) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Connection c = pool.getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT count(*) FROM dbq_job j WHERE j.name = '"
                      + SLOW
                      + "' AND j.state = 'PROCESSING'"
                      + " AND NOT EXISTS (SELECT 1 FROM poison_run r WHERE r.job_id = j.id)");
          java.sql.ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return;
        }
      }
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
    }
  }

  private static void record(DataSource pool, UUID job) throws Exception {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO poison_run (job_id) VALUES (?)")) {
      ps.setObject(1, job);
      ps.executeUpdate();
    }
  }
}
