package dev.dbq.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbq.runtime.Dbq;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmark database: {@code DBQ_BENCH_JDBC_URL}, by default database {@code dbq_bench} on the
 * local server, created when missing. Every workload starts from freshly created tables.
 */
final class BenchDatabase {
  static final String ENV_URL = "DBQ_BENCH_JDBC_URL";
  static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/dbq_bench?user=postgres";

  /** db-scheduler's PostgreSQL table, as its README gives it. */
  private static final String SCHEDULED_TASKS =
      """
      CREATE TABLE scheduled_tasks (
          task_name            text                     NOT NULL,
          task_instance        text                     NOT NULL,
          task_data            bytea,
          execution_time       timestamp with time zone NOT NULL,
          picked               boolean                  NOT NULL,
          picked_by            text,
          last_success         timestamp with time zone,
          last_failure         timestamp with time zone,
          consecutive_failures int,
          last_heartbeat       timestamp with time zone,
          version              bigint                   NOT NULL,
          priority             smallint,
          PRIMARY KEY (task_name, task_instance)
      );
      CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
      CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
      CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)""";

  private BenchDatabase() {}

  static String url() {
    String url = System.getenv(ENV_URL);
    return url == null || url.isBlank() ? DEFAULT_URL : url.strip();
  }

  /** Creates the database named in the URL when it does not exist (through {@code postgres}). */
  static void createIfMissing(String url) throws SQLException {
    try {
      DriverManager.getConnection(url).close();
      return;
    } catch (SQLException e) {
      if (!"3D000".equals(e.getSQLState())) {
        throw e;
      }
    }
    int slash = url.indexOf('/', "jdbc:postgresql://".length());
    int query = url.indexOf('?', slash);
    String name = url.substring(slash + 1, query < 0 ? url.length() : query);
    String admin =
        url.substring(0, slash + 1) + "postgres" + (query < 0 ? "" : url.substring(query));
    try (Connection c = DriverManager.getConnection(admin);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
    }
  }

  static HikariDataSource pool(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    config.setPoolName("bench");
    return new HikariDataSource(config);
  }

  /**
   * Drops and recreates dbq's tables through its own migrations: every {@code dbq_} table, so that
   * one a newer migration adds (V3's {@code dbq_step_run} refers to {@code dbq_job}) goes too.
   */
  static void resetDbq(HikariDataSource ds) throws SQLException {
    execute(
        ds,
        "DO $$ DECLARE t text; BEGIN"
            + " FOR t IN SELECT tablename FROM pg_tables"
            + " WHERE schemaname = current_schema() AND tablename LIKE 'dbq\\_%' LOOP"
            + " EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', t); END LOOP; END $$");
    Dbq.create(ds).migrate();
  }

  /** Drops and recreates db-scheduler's table. */
  static void resetScheduler(HikariDataSource ds) throws SQLException {
    resetScheduler(ds, "scheduled_tasks");
  }

  /** Drops and recreates a db-scheduler table of the given name. */
  static void resetScheduler(javax.sql.DataSource ds, String table) throws SQLException {
    execute(ds, "DROP TABLE IF EXISTS " + table);
    execute(
        ds,
        SCHEDULED_TASKS
            .replace("_idx", "_" + table + "_idx")
            .replace("scheduled_tasks", table)
            .replace("_idx_" + table, "_idx"));
  }

  static void execute(javax.sql.DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute(sql);
    }
  }

  static long count(HikariDataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Polls {@code sql} (a count) every few milliseconds until it returns {@code expected}. */
  static void awaitCount(HikariDataSource ds, String sql, long expected) throws Exception {
    while (count(ds, sql) != expected) {
      Thread.sleep(5);
    }
  }
}
