package dev.dbq.runtime;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture the store tests share: a fresh test database, migrated, with a {@link Dbq} on its own
 * pool and a {@link Sql} helper for checking rows. One per test class, registered as
 * {@code @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();}: created
 * before the class's first test, emptied before each test and dropped after the last.
 */
public final class MigratedDatabase
    implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  public TestDatabase database;
  public Dbq dbq;
  public Sql sql;

  @Override
  public void beforeAll(ExtensionContext context) {
    database = TestDatabase.create();
    dbq = Dbq.connect(database.url());
    sql = new Sql(database);
    dbq.migrate();
  }

  /** Removes every job and queue setting, so that each test starts from empty queues. */
  @Override
  public void beforeEach(ExtensionContext context) {
    sql.execute("DELETE FROM dbq_job");
    sql.execute("DELETE FROM dbq_queue");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // null when beforeAll failed part way
    if (dbq != null) {
      dbq.close();
    }
    if (database != null) {
      database.close();
    }
  }
}
