package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dbq through Debian's PgBouncer in transaction pooling mode, set up with {@code
 * transactionPooling(true)}: the cases that failed there before ({@code prepared statement "S_1"
 * already exists}) and a 4-worker drain. Each test has a fresh database, reached only through the
 * proxy; the pools are larger than pgbouncer's server pool so that client connections outnumber
 * server connections and transactions move between them.
 */
class PgBouncerTest {
  private static final Logger log = LoggerFactory.getLogger(PgBouncerTest.class);
  @RegisterExtension static final PgBouncer bouncer = new PgBouncer();

  private static final JobDefinition NOOP =
      JobDefinition.builder("noop").step("run", call -> null).build();

  private TestDatabase database;
  private final List<HikariDataSource> pools = new ArrayList<>();

  @BeforeEach
  void createDatabase() {
    database = TestDatabase.create();
  }

  @AfterEach
  void dropDatabase() {
    pools.forEach(HikariDataSource::close);
    database.close();
  }

  /** A pool of the application's own, through pgbouncer, as a user configures one. */
  private HikariDataSource pool(int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(bouncer.url(database.url()));
    config.setMaximumPoolSize(size);
    HikariDataSource pool = new HikariDataSource(config);
    pools.add(pool);
    return pool;
  }

  private Dbq dbq(int poolSize) {
    return Dbq.builder(pool(poolSize)).transactionPooling(true).build();
  }

  @Test
  void migratesTwiceFromSeparatePoolsAsTwoProcessesWould() {
    Dbq first = dbq(30);
    first.migrate();
    // many statements on the same connections: a driver that names statements would do so now
    for (int i = 0; i < 20; i++) {
      first.migrate();
      assertEquals(List.of(), first.missingMigrations());
    }
    Dbq second = dbq(30);
    second.migrate();
    assertEquals(List.of(), second.missingMigrations());
  }

  @Test
  void theCommandLineMigratesTwiceWithTheEnvironmentFlag() {
    Map<String, String> env =
        Map.of(Dbq.ENV_JDBC_URL, bouncer.url(database.url()), Dbq.ENV_TRANSACTION_POOLING, "true");
    for (int i = 0; i < 3; i++) {
      CliRun run = CliRun.of(env, JobCatalog.of(NOOP), "migrate");
      assertEquals(0, run.status(), run.out() + run.err());
    }
    CliRun depth = CliRun.of(env, JobCatalog.of(NOOP), "queue-depth");
    assertEquals(0, depth.status(), depth.out() + depth.err());
  }

  @Test
  void aFlagThatIsNeitherTrueNorFalseIsRefusedByName() {
    Map<String, String> env =
        Map.of(Dbq.ENV_JDBC_URL, bouncer.url(database.url()), Dbq.ENV_TRANSACTION_POOLING, "yes");
    CliRun run = CliRun.of(env, JobCatalog.of(NOOP), "migrate");
    assertTrue(run.status() != 0, run.out() + run.err());
    assertTrue(
        run.err().contains("DBQ_TRANSACTION_POOLING must be true or false, was 'yes'"), run.err());
  }

  @Test
  void enqueuesSingleBatchAndInTheCallersTransaction() throws Exception {
    Dbq dbq = dbq(30);
    dbq.migrate();
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ids.add(TestJobBuilder.of(NOOP).enqueue(dbq));
    }
    for (int i = 0; i < 10; i++) {
      List<TestJobBuilder> batch = new ArrayList<>();
      for (int j = 0; j < 20; j++) {
        batch.add(TestJobBuilder.of(NOOP));
      }
      ids.addAll(dbq.enqueueAll(batch));
    }
    try (Connection c = dbq.dataSource().getConnection()) {
      c.setAutoCommit(false);
      for (int i = 0; i < 10; i++) {
        ids.add(TestJobBuilder.of(NOOP).enqueue(c));
      }
      ids.addAll(Dbq.enqueueAll(c, List.of(TestJobBuilder.of(NOOP), TestJobBuilder.of(NOOP))));
      c.rollback();
      // rolled back: none of the twelve exists
      ids.add(TestJobBuilder.of(NOOP).enqueue(c));
      c.commit();
    }
    List<UUID> kept = new ArrayList<>(ids.subList(0, 250));
    kept.add(ids.get(ids.size() - 1));
    assertEquals(Map.of("default", 251L), dbq.queueDepths());
    for (UUID id : kept) {
      assertEquals(JobState.NEW, dbq.findJob(id).orElseThrow().state(), "job " + id);
    }
    for (UUID id : ids.subList(250, 262)) {
      assertFalse(dbq.findJob(id).isPresent(), "rolled-back job " + id);
    }
  }

  @Test
  void aWorkerDrainsAndTheOperatorCancelsAndRetries() throws Exception {
    Dbq dbq = dbq(30);
    dbq.migrate();
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      ids.add(TestJobBuilder.of(NOOP).enqueue(dbq));
    }
    UUID cancelled = ids.get(0);
    assertEquals(1, dbq.control().cancel(List.of(cancelled)).changedCount());
    assertEquals(JobState.CANCELLED, dbq.findJob(cancelled).orElseThrow().state());

    assertEquals(299, worker(dbq, "w").runUntilEmpty());
    assertEquals(1, dbq.control().retry(List.of(cancelled)).changedCount());
    assertEquals(JobState.READY, dbq.findJob(cancelled).orElseThrow().state());
    assertEquals(1, worker(dbq, "w2").runUntilEmpty());

    Map<JobState, Long> counts = dbq.countByState();
    assertEquals(300L, counts.get(JobState.COMPLETE));
    assertEquals(300L, counts.values().stream().mapToLong(Long::longValue).sum());
    assertEquals(300, dbq.jobs().pageSize(500).page().jobs().size());
  }

  @Test
  void aStartedWorkerPollsAndRunsJobsEnqueuedLater() throws Exception {
    Dbq dbq = dbq(30);
    dbq.migrate();
    Set<UUID> ran = ConcurrentHashMap.newKeySet();
    JobDefinition job =
        JobDefinition.builder("mark")
            .step(
                "mark",
                call -> {
                  ran.add(call.context().id());
                  return null;
                })
            .build();
    try (DbqWorker worker =
        DbqWorker.builder()
            .dbq(dbq)
            .catalog(JobCatalog.of(job))
            .pollInterval(Duration.ofMillis(100))
            .build()) {
      worker.start();
      UUID id = TestJobBuilder.of(job).enqueue(dbq);
      Await.until("the job ran", () -> ran.contains(id), Duration.ofSeconds(30));
      assertFalse(worker.isListening(), "no LISTEN through a transaction pooler");
    }
  }

  @Test
  void fourWorkersDrainThreeThousandJobsLosingNone() throws Exception {
    int jobs = 3_000;
    Dbq dbq = dbq(40);
    dbq.migrate();
    Map<UUID, Integer> runs = new ConcurrentHashMap<>();
    JobDefinition job =
        JobDefinition.builder("count")
            .step(
                "count",
                call -> {
                  runs.merge(call.context().id(), 1, Integer::sum);
                  return null;
                })
            .build();
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < jobs / 100; i++) {
      List<TestJobBuilder> batch = new ArrayList<>();
      for (int j = 0; j < 100; j++) {
        batch.add(TestJobBuilder.of(job));
      }
      ids.addAll(dbq.enqueueAll(batch));
    }
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Long>> drains = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        // each worker on a pool of its own, as four processes would be
        Dbq own = dbq(12);
        DbqWorker worker =
            DbqWorker.builder()
                .dbq(own)
                .catalog(JobCatalog.of(job))
                .concurrency(4)
                .workerId("w" + w)
                .pollInterval(Duration.ofMillis(100))
                .build();
        drains.add(threads.submit(worker::runUntilEmpty));
      }
      long steps = 0;
      for (Future<Long> drain : drains) {
        steps += drain.get(5, TimeUnit.MINUTES);
      }
      assertTrue(steps >= jobs, "steps run: " + steps);
    } finally {
      threads.shutdownNow();
    }
    assertEquals(Set.copyOf(ids), runs.keySet(), "every job ran");
    // at-least-once: a repeat only where a lease lapsed, and none lapses in this drain
    assertTrue(runs.values().stream().allMatch(n -> n == 1), "no step ran twice: " + runs.values());
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FILTER (WHERE state = 'COMPLETE' AND claim_id IS NULL"
                    + " AND lock_owner IS NULL), count(*) FROM dbq_job")) {
      rs.next();
      assertEquals(jobs, rs.getLong(1));
      assertEquals(jobs, rs.getLong(2));
    }
  }

  @Test
  void fourWorkerProcessesOfTheCommandLineDrainThreeThousandJobsLosingNone() throws Exception {
    int jobs = 3_000;
    Dbq dbq = dbq(10);
    dbq.migrate();
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE bouncer_run (job_id uuid NOT NULL, pid bigint NOT NULL)");
    }
    JobDefinition job =
        JobDefinition.builder(BouncerWorkerMain.JOB).step("run", call -> null).build();
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < jobs / 100; i++) {
      List<TestJobBuilder> batch = new ArrayList<>();
      for (int j = 0; j < 100; j++) {
        batch.add(TestJobBuilder.of(job));
      }
      ids.addAll(dbq.enqueueAll(batch));
    }
    Path logs = Files.createDirectories(Path.of("target", "pgbouncer-workers"));
    List<Process> workers = new ArrayList<>();
    try {
      for (int n = 0; n < 4; n++) {
        ProcessBuilder builder =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    BouncerWorkerMain.class.getName(),
                    "--concurrency",
                    "4",
                    "--exit-when-empty")
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("worker-" + n + ".log").toFile());
        builder.environment().put(Dbq.ENV_JDBC_URL, bouncer.url(database.url()));
        builder.environment().put(Dbq.ENV_TRANSACTION_POOLING, "true");
        workers.add(builder.start());
      }
      for (Process worker : workers) {
        assertTrue(worker.waitFor(5, TimeUnit.MINUTES), "a worker process did not exit");
        assertEquals(0, worker.exitValue(), "exit status; see " + logs);
      }
    } finally {
      workers.forEach(Process::destroyForcibly);
    }
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT count(DISTINCT job_id), count(*), count(DISTINCT pid) FROM bouncer_run")) {
        rs.next();
        assertEquals(jobs, rs.getLong(1), "jobs run");
        // at-least-once: a repeat only where a worker died or a lease lapsed, and none did
        assertEquals(jobs, rs.getLong(2), "runs");
        // how the work was shared is up to the processes' start-up times: not asserted
        log.info("4 worker processes through pgbouncer: {} of them ran jobs", rs.getLong(3));
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT count(*) FROM dbq_job WHERE state = 'COMPLETE' AND claim_id IS NULL")) {
        rs.next();
        assertEquals(jobs, rs.getLong(1), "complete");
      }
    }
    assertEquals(Map.of(), dbq.queueDepths());
    assertEquals(jobs, ids.size());
  }

  private static DbqWorker worker(Dbq dbq, String id) {
    return DbqWorker.builder()
        .dbq(dbq)
        .catalog(JobCatalog.of(NOOP))
        .concurrency(4)
        .workerId(id)
        .pollInterval(Duration.ofMillis(100))
        .build();
  }
}
