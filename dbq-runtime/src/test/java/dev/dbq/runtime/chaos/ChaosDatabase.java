package dev.dbq.runtime.chaos;

import dev.dbq.runtime.ChaosWorkerMain;
import dev.dbq.runtime.Dbq;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database of one chaos scenario: the dbq schema, the step log the workers write, the jobs, and
 * the counts the scenario asserts. Every call opens its own connection, so that it works whatever
 * the scenario did to the connections before.
 */
final class ChaosDatabase {
  private final String url;

  ChaosDatabase(String url) throws SQLException {
    this.url = url;
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(url);
    try (Dbq dbq = Dbq.create(ds)) {
      dbq.migrate();
    }
    execute(
        "CREATE TABLE chaos_step_log ("
            + " run_id uuid PRIMARY KEY, job_id uuid NOT NULL, step int NOT NULL,"
            + " pid bigint NOT NULL, logged timestamptz NOT NULL DEFAULT clock_timestamp())");
    execute("CREATE INDEX ON chaos_step_log (job_id, step)");
  }

  String url() {
    return url;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  /** Enqueues {@code n} two-step jobs in one statement (and one notification). */
  void enqueue(int n) throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO dbq_job (id, name, queue_name)"
                    + " SELECT gen_random_uuid(), ?, 'default' FROM generate_series(1, ?)")) {
      ps.setString(1, ChaosWorkerMain.JOB);
      ps.setInt(2, n);
      ps.executeUpdate();
    }
  }

  /** The figures every scenario asserts. */
  record Counts(long jobs, long complete, long failed, long held, long runs, long distinctSteps) {
    /** Executions beyond the first of each step. */
    long repeats() {
      return runs - distinctSteps;
    }

    boolean drained() {
      return complete == jobs;
    }
  }

  Counts counts() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT (SELECT count(*) FROM dbq_job), (SELECT count(*) FROM dbq_job WHERE state ="
                    + " 'COMPLETE'), (SELECT count(*) FROM dbq_job WHERE state = 'FAILED'), (SELECT"
                    + " count(*) FROM dbq_job WHERE state IN ('PROCESSING', 'STOPPING')), (SELECT"
                    + " count(*) FROM chaos_step_log), (SELECT count(*) FROM (SELECT DISTINCT"
                    + " job_id, step FROM chaos_step_log) d)")) {
      rs.next();
      return new Counts(
          rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
    }
  }

  /** Jobs some step of which never ran (should be none once drained). */
  long jobsWithAStepNeverRun() throws SQLException {
    return longQuery(
        "SELECT count(*) FROM dbq_job j WHERE (SELECT count(DISTINCT l.step) FROM chaos_step_log l"
            + " WHERE l.job_id = j.id) <> 2");
  }

  /** How many step executions have been recorded so far; -1 while the database is unreachable. */
  long runsOrMinusOne() {
    try {
      return longQuery("SELECT count(*) FROM chaos_step_log");
    } catch (SQLException e) {
      return -1;
    }
  }

  /** Jobs the given worker process holds right now. */
  long heldBy(long pid) throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM dbq_job WHERE lock_owner LIKE ?"
                    + " AND state IN ('PROCESSING', 'STOPPING')")) {
      ps.setString(1, pid + "@%");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  long longQuery(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  void execute(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
