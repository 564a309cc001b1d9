package dev.dbq.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh test database migrated as users migrate it, a HikariCP pool on it and one connection for
 * the test's own SQL: one per test class, registered as {@code @RegisterExtension static final
 * WorkerDatabase db = new WorkerDatabase();}. It is created before the class's first test, emptied
 * before each test and dropped after the last.
 */
final class WorkerDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private final int poolSize;
  TestDatabase database;
  HikariDataSource pool;
  Connection sql;

  /**
   * @param poolSize the pool's connections: the workers' claims, saves and leases draw on it
   */
  WorkerDatabase(int poolSize) {
    this.poolSize = poolSize;
  }

  WorkerDatabase() {
    this(6);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    database = TestDatabase.create();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.url());
    config.setMaximumPoolSize(poolSize);
    pool = new HikariDataSource(config);
    sql = database.connect();
    // the real migrations, V2's storage settings too: what users run
    Dbq.create(pool).migrate();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    // queue settings too: a queue a test paused or limited must not slow the next test
    StoredJobs.execute(sql, "TRUNCATE dbq_job, dbq_queue CASCADE");
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    // null when beforeAll failed part way
    if (sql != null) {
      sql.close();
    }
    if (pool != null) {
      pool.close();
    }
    if (database != null) {
      database.close();
    }
  }

  Dbq dbq() {
    return Dbq.create(pool);
  }
}
