package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A database error that waiting cannot mend stops an embedded worker, which says why in {@link
 * DbqWorker#failure()}; a transient one is ridden out.
 */
class WorkerPermanentFaultTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final JobCatalog CATALOG =
      JobCatalog.of(JobDefinition.builder("fault_job").step("only", call -> null).build());

  @Test
  void aWorkerOnADatabaseWithoutTheDbqTablesStopsByItselfAndSaysToMigrate() throws Exception {
    try (TestDatabase bare = TestDatabase.create();
        Dbq dbq = Dbq.connect(bare.url());
        DbqWorker worker = DbqWorker.builder().dbq(dbq).catalog(CATALOG).build()) {
      worker.start();

      assertTrue(worker.awaitTermination(BOUND), "stopped by itself");
      assertFalse(worker.isRunning());
      assertEquals(
          "worker "
              + worker.workerId()
              + " stopped: the dbq tables do not exist in this database: run `dbq migrate` (42P01:"
              // the claim reads the queue settings first
              + " ERROR: relation \"dbq_queue\" does not exist)",
          worker.failure().orElseThrow().getMessage());
    }
  }

  @Test
  void runUntilEmptyThrowsThePermanentFault() throws Exception {
    try (TestDatabase bare = TestDatabase.create();
        Dbq dbq = Dbq.connect(bare.url())) {
      DbqWorker worker = DbqWorker.builder().dbq(dbq).catalog(CATALOG).build();

      DbqException thrown = assertThrows(DbqException.class, worker::runUntilEmpty);
      assertTrue(thrown.getMessage().contains("run `dbq migrate`"), thrown.getMessage());
    }
  }

  @Test
  void aUserWithoutPrivilegesOnTheTableStopsTheWorkerWithTheGrantToGive() throws Exception {
    String role = "dbq_noaccess_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection admin = DriverManager.getConnection(db.database.url());
        Statement s = admin.createStatement()) {
      s.execute("CREATE ROLE " + role + " LOGIN");
      try (Dbq dbq = Dbq.connect(asUser(db.database.url(), role));
          DbqWorker worker = DbqWorker.builder().dbq(dbq).catalog(CATALOG).build()) {
        worker.start();

        assertTrue(worker.awaitTermination(BOUND), "stopped by itself");
        String message = worker.failure().orElseThrow().getMessage();
        assertTrue(
            message.contains(
                "permission denied: grant the database user SELECT, INSERT, UPDATE and DELETE on"
                    + " dbq_job (42501: ERROR: permission denied"),
            message);
      } finally {
        s.execute("DROP ROLE " + role);
      }
    }
  }

  @Test
  void anOutageIsRiddenOutAndNotTakenForAPermanentFault() throws Exception {
    FaultyDataSource cutOff = new FaultyDataSource(db.pool);
    cutOff.down = true;
    try (DbqWorker worker =
        DbqWorker.builder()
            .dataSource(cutOff)
            .catalog(CATALOG)
            .pollInterval(Duration.ofMillis(100))
            .build()) {
      worker.start();
      Await.until("the worker tried again", () -> cutOff.refused.get() >= 3, BOUND);
      assertTrue(worker.isRunning());

      UUID job = TestJobBuilder.named("fault_job").enqueue(db.sql);
      cutOff.down = false;

      Await.until(
          "the job ran after the outage",
          () -> StoredJobs.state(db.sql, job) == JobState.COMPLETE,
          BOUND);
      assertTrue(worker.isRunning());
      assertTrue(worker.failure().isEmpty());
    }
  }

  /** The URL with its user replaced (URL parameters win over connection properties). */
  private static String asUser(String url, String user) {
    return url.replaceAll("([?&])user=[^&]*", "$1user=" + user)
        .replaceAll("([?&])password=[^&]*&?", "$1");
  }
}
