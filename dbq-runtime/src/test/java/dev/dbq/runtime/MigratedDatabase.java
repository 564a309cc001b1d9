package dev.dbq.runtime;

/**
 * The fixture the store tests share: a fresh test database, migrated, with a {@link Dbq} on its own
 * pool and a {@link Sql} helper for checking rows. One per test class.
 */
final class MigratedDatabase implements AutoCloseable {
  final TestDatabase database;
  final Dbq dbq;
  final Sql sql;

  private MigratedDatabase(TestDatabase database) {
    this.database = database;
    this.dbq = Dbq.connect(database.url());
    this.sql = new Sql(database);
  }

  static MigratedDatabase open() {
    MigratedDatabase db = new MigratedDatabase(TestDatabase.create());
    db.dbq.migrate();
    return db;
  }

  /** Removes every job, so that each test starts from an empty queue. */
  void empty() {
    sql.execute("DELETE FROM dbq_job");
  }

  @Override
  public void close() {
    dbq.close();
    database.close();
  }
}
