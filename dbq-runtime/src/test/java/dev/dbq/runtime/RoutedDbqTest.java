package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@link Dbq} that routes queues to several databases ({@link Dbq.Builder#route}): two real
 * databases, each an independent dbq schema; the default one serves every queue but those routed.
 */
class RoutedDbqTest {
  @RegisterExtension static final MigratedDatabase main = new MigratedDatabase();
  @RegisterExtension static final MigratedDatabase other = new MigratedDatabase();

  private Dbq dbq;

  @BeforeEach
  void routeImportsAndReportsToTheOtherDatabase() {
    main.sql.execute("DELETE FROM dbq_schedule");
    other.sql.execute("DELETE FROM dbq_schedule");
    dbq =
        Dbq.builder(main.dbq.dataSource())
            .route(List.of("imports", "reports"), other.dbq.dataSource())
            .build();
  }

  @AfterEach
  void close() {
    dbq.close();
  }

  @Test
  void eachJobLandsInTheDatabaseThatServesItsQueue() {
    UUID plain = TestJobBuilder.named("a").enqueue(dbq);
    UUID imported = TestJobBuilder.named("a").queue("imports").enqueue(dbq);
    List<UUID> reports =
        dbq.enqueueAll(
            List.of(
                TestJobBuilder.named("a").queue("reports"),
                TestJobBuilder.named("b").queue("imports")));

    assertEquals(List.of("default"), main.sql.column("SELECT queue_name FROM dbq_job"));
    assertEquals(
        List.of("imports", "reports", "imports"),
        other.sql.column("SELECT queue_name FROM dbq_job ORDER BY seq"));
    assertEquals(List.of(plain.toString()), main.sql.column("SELECT id FROM dbq_job"));
    assertEquals(
        List.of(imported.toString(), reports.get(0).toString(), reports.get(1).toString()),
        other.sql.column("SELECT id FROM dbq_job ORDER BY seq"));
    assertEquals("imports", dbq.findJob(imported).orElseThrow().queue());
    assertEquals("default", dbq.findJob(plain).orElseThrow().queue());
    assertTrue(dbq.findJob(UUID.randomUUID()).isEmpty());
  }

  @Test
  void aBatchWhoseQueuesAreRoutedApartIsRefusedAndNothingIsInserted() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                dbq.enqueueAll(
                    List.of(
                        TestJobBuilder.named("a").queue("imports"),
                        TestJobBuilder.named("a").queue("mail"))));

    assertEquals(
        "a batch of jobs (one transaction) must stay within one database, but its queues are"
            + " routed apart: [mail] on the default database, [imports] on the database routed"
            + " for [imports, reports]",
        e.getMessage());
    assertEquals(List.of("0"), main.sql.column("SELECT count(*) FROM dbq_job"));
    assertEquals(List.of("0"), other.sql.column("SELECT count(*) FROM dbq_job"));
  }

  @Test
  void depthsStatsCountsAndQueuesMergeEveryDatabase() {
    TestJobBuilder.named("a").enqueue(dbq);
    TestJobBuilder.named("a").queue("imports").enqueue(dbq);
    TestJobBuilder.named("a").queue("imports").enqueue(dbq);
    TestJobBuilder.named("a").queue("imports").runAfter(Duration.ofHours(1)).enqueue(dbq);
    // a job left in the default database from before "imports" was routed: still counted
    TestJobBuilder.named("a").queue("imports").enqueue(main.dbq);

    assertEquals(Map.of("default", 1L, "imports", 4L), dbq.queueDepths());
    assertEquals(Map.of("default", 1L, "imports", 3L), dbq.queueDepths(true));
    List<QueueStats> stats = dbq.queueStats();
    assertEquals(List.of("default", "imports"), stats.stream().map(QueueStats::queue).toList());
    assertEquals(3, stats.get(1).runnable());
    assertEquals(1, stats.get(1).scheduled());
    assertEquals(5L, dbq.countByState().get(JobState.NEW));
    assertEquals(5, dbq.jobs().counts().total());
    assertEquals(3, dbq.jobs().queue("imports").counts().total(), "the queue's database only");
    List<QueueInfo> queues = dbq.queues().list();
    assertEquals(List.of("default", "imports"), queues.stream().map(QueueInfo::name).toList());
    assertEquals(4, queues.get(1).waiting());
  }

  @Test
  void aListingOfOneQueueReadsItsDatabaseAndOneOfEveryQueuePagesThroughEachInTurn() {
    Set<UUID> all = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      all.add(TestJobBuilder.named("a").enqueue(dbq));
    }
    for (int i = 0; i < 2; i++) {
      all.add(TestJobBuilder.named("a").queue("imports").enqueue(dbq));
    }

    List<UUID> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    JobQuery query = dbq.jobs().pageSize(2);
    JobPage page = query.page();
    while (true) {
      sizes.add(page.jobs().size());
      page.jobs().forEach(job -> seen.add(job.id()));
      if (!page.hasNext()) {
        break;
      }
      page = query.page(page.nextCursor());
    }
    assertEquals(all, new HashSet<>(seen));
    assertEquals(5, seen.size(), "each job once: " + seen);
    assertEquals(List.of(2, 2, 1), sizes);
    assertEquals(
        List.of("imports", "imports"),
        dbq.jobs().queue("imports").page().jobs().stream().map(JobInfo::queue).toList());
    JobPage first = dbq.jobs().queue("default").pageSize(2).page();
    assertEquals(
        1, dbq.jobs().queue("default").page(first.nextCursor()).jobs().size(), "plain cursor");
    assertThrows(IllegalArgumentException.class, () -> query.page("7."));
  }

  @Test
  void aWorkerServesTheQueuesOfOneDatabaseAndOneWhoseQueuesAreRoutedApartIsRefused()
      throws Exception {
    TestJobBuilder.named("a").enqueue(dbq);
    UUID imported = TestJobBuilder.named("a").queue("imports").enqueue(dbq);
    JobCatalog catalog = JobCatalog.of(JobDefinition.builder("a").step("run", c -> null).build());

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                DbqWorker.builder().dbq(dbq).catalog(catalog).queues("default", "imports").build());
    assertEquals(
        "a worker must stay within one database, but its queues are routed apart: [default] on the"
            + " default database, [imports] on the database routed for [imports, reports]",
        e.getMessage());

    try (DbqWorker worker =
        DbqWorker.builder().dbq(dbq).catalog(catalog).queues("imports", "reports").build()) {
      assertEquals(1, worker.runUntilEmpty());
    }
    assertEquals(JobState.COMPLETE, dbq.findJob(imported).orElseThrow().state());
    assertEquals(Map.of("default", 1L), dbq.queueDepths(), "the default database's job waits");
  }

  @Test
  void aWorkerFiresOnlyTheSchedulesOfJobsWhoseQueueLivesInItsDatabase() throws Exception {
    JobDefinition mainTick =
        JobDefinition.builder("main_tick")
            .step("run", c -> null)
            .schedule(RecurringSchedule.cron("* * * * * *"))
            .build();
    JobDefinition importTick =
        JobDefinition.builder("import_tick")
            .queue("imports")
            .step("run", c -> null)
            .schedule(RecurringSchedule.cron("* * * * * *"))
            .build();
    JobCatalog catalog = JobCatalog.of(mainTick, importTick);

    try (DbqWorker ofMain = DbqWorker.builder().dbq(dbq).catalog(catalog).build();
        DbqWorker ofImports =
            DbqWorker.builder().dbq(dbq).catalog(catalog).queues("imports").build()) {
      ofMain.start();
      ofImports.start();
      Await.until(
          "each schedule fired",
          () ->
              !main.sql.column("SELECT id FROM dbq_job WHERE name = 'main_tick'").isEmpty()
                  && !other
                      .sql
                      .column("SELECT id FROM dbq_job WHERE name = 'import_tick'")
                      .isEmpty(),
          Duration.ofSeconds(30));
    }

    // each schedule registered and fired in the database of its job's queue, and only there
    assertEquals(
        List.of("main_tick"), main.sql.column("SELECT DISTINCT job_name FROM dbq_schedule"));
    assertEquals(
        List.of("import_tick"), other.sql.column("SELECT DISTINCT job_name FROM dbq_schedule"));
    assertEquals(List.of("main_tick"), main.sql.column("SELECT DISTINCT name FROM dbq_job"));
    assertEquals(List.of("import_tick"), other.sql.column("SELECT DISTINCT name FROM dbq_job"));
  }

  @Test
  void actionsByIdFindTheirJobsInEveryDatabaseAndQueueSettingsGoToTheQueuesDatabase() {
    UUID plain = TestJobBuilder.named("a").enqueue(dbq);
    UUID imported = TestJobBuilder.named("a").queue("imports").enqueue(dbq);
    UUID missing = UUID.randomUUID();

    JobActionResult cancelled = dbq.control().cancel(List.of(plain, imported, missing));

    assertEquals(Set.of(plain, imported), Set.copyOf(cancelled.changed()));
    assertEquals(List.of(missing), cancelled.notFound());
    assertEquals(
        2, dbq.control().delete(JobFilter.all().withStates(JobState.CANCELLED)).changedCount());
    dbq.queues().pause(List.of("imports", "mail"));
    assertEquals(List.of("imports"), other.sql.column("SELECT name FROM dbq_queue"));
    assertEquals(List.of("mail"), main.sql.column("SELECT name FROM dbq_queue"));
    assertTrue(dbq.queues().get("imports").paused());
    dbq.queues().limit("reports", 2);
    assertEquals(
        List.of("2"),
        other.sql.column("SELECT concurrency_limit FROM dbq_queue WHERE name = 'reports'"));
  }

  @Test
  void migrateMigratesEveryDatabase() {
    try (TestDatabase empty = TestDatabase.create();
        Dbq emptyPool = Dbq.connect(empty.url());
        Dbq routed =
            Dbq.builder(main.dbq.dataSource()).route("fresh", emptyPool.dataSource()).build()) {
      assertFalse(routed.missingMigrations().isEmpty(), "the new database has no schema");
      routed.migrate();
      assertEquals(List.of(), routed.missingMigrations());
      assertEquals(List.of(), emptyPool.missingMigrations());
    }
  }

  @Test
  void aQueueRoutedTwiceOrABadQueueNameIsRefusedWithOneLine() {
    Dbq.Builder builder =
        Dbq.builder(main.dbq.dataSource()).route("imports", other.dbq.dataSource());
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () -> builder.route(List.of("mail", "imports"), other.dbq.dataSource()));
    assertEquals(
        "queue 'imports' is routed twice: route each queue to one database", twice.getMessage());
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class, () -> builder.route("9lives", other.dbq.dataSource()));
    assertFalse(bad.getMessage().contains("\n"), bad.getMessage());
    assertTrue(bad.getMessage().contains("9lives"), bad.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> builder.route(List.of(), other.dbq.dataSource()));
  }
}
