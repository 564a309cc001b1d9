package dev.dbq.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;

/**
 * A fresh test database with the dbq schema, a HikariCP pool on it and one connection for the
 * test's own SQL. One per test class; {@link #reset()} empties the table between tests.
 */
final class WorkerDatabase implements AutoCloseable {
  final TestDatabase database;
  final HikariDataSource pool;
  final Connection sql;

  WorkerDatabase(int poolSize) throws Exception {
    database = TestDatabase.create();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.url());
    config.setMaximumPoolSize(poolSize);
    pool = new HikariDataSource(config);
    sql = database.connect();
    TestSchema.apply(sql);
  }

  WorkerDatabase() throws Exception {
    this(6);
  }

  Dbq dbq() {
    return Dbq.create(pool);
  }

  void reset() throws Exception {
    TestJobs.execute(sql, "TRUNCATE dbq_job");
  }

  @Override
  public void close() throws java.sql.SQLException {
    sql.close();
    pool.close();
    database.close();
  }
}
