package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every numeric and time option is bounded to what works, and the error says the bound: exit 2, one
 * line, nothing written, before a value can overflow or reach the database.
 */
class CliBoundsTest {
  private static final JobDefinition JOB =
      JobDefinition.builder("noop").step("run", call -> null).build();

  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  private static CliRun cli(String... args) {
    return CliRun.of(Map.of("DBQ_JDBC_URL", db.database.url()), JobCatalog.of(JOB), args);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "create-job noop --run-after +99999-01-01T00:00:00Z | dbq create-job: --run-after"
            + " '+99999-01-01T00:00:00Z' is outside the years 1 to 9999 that dbq stores: give a"
            + " time from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z",
        "create-job noop --run-after -0001-01-01T00:00:00Z | dbq create-job: --run-after"
            + " '-0001-01-01T00:00:00Z' is outside the years 1 to 9999 that dbq stores: give a"
            + " time from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z",
        "delete-old-jobs --hours 999999999999 | dbq delete-old-jobs: --hours must be at most"
            + " 8765808 (1,000 years), was 999999999999",
        "worker --lease 1e30 | dbq worker: --lease must be at most 86400 seconds, was 1E+30 (see dbq worker --help)",
        "worker --lease 86401 | dbq worker: --lease must be at most 86400 seconds, was 86401 (see dbq worker --help)",
        "worker --rate-limit 1e30 | dbq worker: --rate-limit must be at most 86400 seconds, was 1E+30 (see dbq worker --help)",
        "worker --concurrency 2147483647 | dbq worker: concurrency must be at most 1000, was"
            + " 2147483647 (see dbq worker --help)",
        "worker --concurrency 1001 --prefetch 1 | dbq worker: concurrency must be at most 1000, was"
            + " 1001 (see dbq worker --help)",
        "worker --prefetch 1001 | dbq worker: prefetch must be between 0 and 1000, was 1001 (see dbq worker --help)",
      })
  void anOptionBeyondItsBoundExitsTwoNamingTheBoundAndWritesNothing(String args, String line) {
    CliRun run = cli(args.trim().split(" +")).assertBadInput();

    assertEquals(line + "\n", run.err());
    assertEquals(0, db.sql.count("SELECT count(*) FROM dbq_job"));
  }

  @Test
  void theLastRunAfterInTheBoundIsStoredAsGiven() {
    CliRun run = cli("create-job", "noop", "--run-after", "9999-12-31T23:59:59.999999Z");

    assertEquals(0, run.status(), run.err());
    assertEquals(
        "9999-12-31 23:59:59.999999",
        db.sql.value("SELECT (run_after AT TIME ZONE 'UTC')::text FROM dbq_job"));
  }

  @Test
  void theLongestAgeInTheBoundDeletesNothingRecent() {
    assertEquals(0, cli("create-job", "noop").status());

    CliRun run = cli("delete-old-jobs", "--hours", "8765808");

    assertEquals(0, run.status(), run.err());
    assertEquals("event=deleted_old_jobs count=0 hours=8765808\n", run.out());
  }

  @Test
  void aWorkerWithTheLongestLeaseAndMostSlotsRunsItsJobs() {
    assertEquals(0, cli("create-job", "noop").status());

    CliRun run = cli("worker", "--exit-when-empty", "--lease", "86400", "--concurrency", "1000");

    assertEquals(0, run.status(), run.err());
    assertEquals("COMPLETE", db.sql.value("SELECT state FROM dbq_job"));
  }

  @Test
  void theApiRefusesTheSameTimesBeforeTheDatabase() {
    TestJobBuilder job = TestJobBuilder.of(JOB);
    assertThrows(IllegalArgumentException.class, () -> job.runAfter(Instant.MAX));
    assertThrows(
        IllegalArgumentException.class, () -> job.runAfter(Duration.ofSeconds(Long.MAX_VALUE)));
    IllegalArgumentException age =
        assertThrows(
            IllegalArgumentException.class,
            () -> db.dbq.deleteOldJobs(Duration.ofHours(999_999_999_999L)));
    assertTrue(age.getMessage().contains("at most 1,000 years"), age.getMessage());
    for (java.util.function.UnaryOperator<DbqWorker.Builder> absurd :
        List.<java.util.function.UnaryOperator<DbqWorker.Builder>>of(
            b -> b.pollInterval(Duration.ofSeconds(Long.MAX_VALUE)),
            b -> b.shutdownGrace(Duration.ofDays(400 * 365)),
            b -> b.retryBackoff(Duration.ofSeconds(Long.MAX_VALUE)),
            b -> b.rateLimit(Duration.ofDays(2)))) {
      DbqWorker.Builder builder = DbqWorker.builder().dbq(db.dbq).catalog(JobCatalog.of(JOB));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> absurd.apply(builder).build());
      assertTrue(e.getMessage().contains("must be at most PT24H"), e.getMessage());
    }
    assertThrows(
        IllegalArgumentException.class,
        () ->
            DbqWorker.builder()
                .dbq(db.dbq)
                .catalog(JobCatalog.of(JOB))
                .lease(Duration.ofDays(2))
                .build());
  }
}
