package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.internal.store.Migrator;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link Dbq#migrate()}: idempotent, and safe when many processes start at once. */
class MigrateTest {

  @Test
  void createsTheTableAndRecordsTheVersion() {
    try (TestDatabase database = TestDatabase.create();
        Dbq dbq = Dbq.connect(database.url())) {
      Sql sql = new Sql(database);
      assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), Migrator.migrate(dbq.dataSource()));
      assertEquals(
          List.of(
              "1 create dbq job V1__create_dbq_job.sql",
              "2 tune dbq job for churn V2__tune_dbq_job_for_churn.sql",
              "3 job control V3__job_control.sql",
              "4 recurring jobs V4__recurring_jobs.sql",
              "5 trace context V5__trace_context.sql",
              "6 unique jobs V6__unique_jobs.sql",
              "7 finished listing indexes V7__finished_listing_indexes.sql"),
          sql.column(
              "SELECT version || ' ' || description || ' ' || script FROM dbq_schema_version"
                  + " ORDER BY version"));
      assertEquals(0, sql.count("SELECT count(*) FROM dbq_job"));
      assertEquals(
          1,
          sql.count(
              "SELECT count(*) FROM pg_class WHERE relname = 'dbq_job'"
                  + " AND 'autovacuum_vacuum_threshold=5000' = ANY(reloptions)"));
    }
  }

  @Test
  void isIdempotent() {
    try (TestDatabase database = TestDatabase.create();
        Dbq dbq = Dbq.connect(database.url())) {
      dbq.migrate();
      TestJobBuilder.of(JobDefinition.builder("kept").step("s", c -> null).build()).enqueue(dbq);

      assertEquals(List.of(), Migrator.migrate(dbq.dataSource()), "nothing left to apply");
      dbq.migrate();

      Sql sql = new Sql(database);
      assertEquals(
          Migrator.migrations().size(), sql.count("SELECT count(*) FROM dbq_schema_version"));
      assertEquals(1, sql.count("SELECT count(*) FROM dbq_job"), "data survives");
    }
  }

  @Test
  void concurrentMigrationsAllSucceedAndApplyOnce() throws Exception {
    int threads = 6;
    try (TestDatabase database = TestDatabase.create()) {
      List<Dbq> clients = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        for (int i = 0; i < threads; i++) {
          clients.add(Dbq.connect(database.url()));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Integer>>> results = new ArrayList<>();
        for (Dbq client : clients) {
          Callable<List<Integer>> migrate =
              () -> {
                go.await();
                return Migrator.migrate(client.dataSource());
              };
          results.add(pool.submit(migrate));
        }
        go.countDown();
        int applied = 0;
        for (Future<List<Integer>> result : results) {
          applied += result.get(60, TimeUnit.SECONDS).size();
        }
        int scripts = Migrator.migrations().size();
        assertEquals(scripts, applied, "exactly one caller applied each script");
        assertEquals(scripts, new Sql(database).count("SELECT count(*) FROM dbq_schema_version"));
      } finally {
        pool.shutdownNow();
        clients.forEach(Dbq::close);
      }
    }
  }

  @Test
  void everyListedScriptIsOnTheClassPathWithItsVersionInOrder() {
    List<Migrator.Migration> migrations = Migrator.migrations();
    // V1, V2, ... with none missing: a gap would be a script that never ships
    int previous = 0;
    for (Migrator.Migration migration : migrations) {
      assertEquals(previous + 1, migration.version(), migration.script() + " after " + previous);
      previous = migration.version();
      migration.sql();
    }
    assertEquals(1, migrations.get(0).version());
  }

  @Test
  void aMigrationOnALostConnectionFailsWithTheLossNotWithTheRestoreAfterIt() {
    try (TestDatabase database = TestDatabase.create()) {
      Dbq lost = Dbq.create(new LostConnections(database));
      DbqException e = assertThrows(DbqException.class, lost::migrate);
      // putting auto-commit back on the dead connection fails too; that must not hide the loss
      assertTrue(
          e.getMessage().startsWith("cannot migrate the dbq schema: ")
              && !e.getMessage().contains("closed"),
          e.getMessage());
      String state = ((SQLException) e.getCause()).getSQLState();
      assertTrue(state.startsWith("08") || state.equals("57P01"), state + ": " + e.getMessage());
    }
  }
}
