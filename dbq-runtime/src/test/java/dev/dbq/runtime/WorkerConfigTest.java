package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** {@link DbqWorker.Builder} checks each setting once, naming it and the bad value. */
class WorkerConfigTest {
  private static final JobCatalog CATALOG =
      JobCatalog.of(JobDefinition.builder("j").step("s", call -> null).build());

  private static String rejected(UnaryOperator<DbqWorker.Builder> settings) {
    DbqWorker.Builder builder =
        DbqWorker.builder().dataSource(new PGSimpleDataSource()).catalog(CATALOG);
    return assertThrows(IllegalArgumentException.class, () -> settings.apply(builder).build())
        .getMessage();
  }

  @Test
  void rejectsEachBadSettingWithItsNameAndValue() {
    assertEquals("concurrency must be at least 1, was 0", rejected(b -> b.concurrency(0)));
    assertEquals(
        "rateLimit must not be negative, was PT-1S",
        rejected(b -> b.rateLimit(Duration.ofSeconds(-1))));
    assertEquals(
        "pollInterval must be positive, was PT0S", rejected(b -> b.pollInterval(Duration.ZERO)));
    assertEquals(
        "lease must be at least PT1S, was PT0.999S",
        rejected(b -> b.lease(Duration.ofMillis(999))));
    assertEquals(
        "shutdownGrace must not be negative, was PT-0.001S",
        rejected(b -> b.shutdownGrace(Duration.ofMillis(-1))));
    assertEquals(
        "retryBackoff must be positive, was PT0S", rejected(b -> b.retryBackoff(Duration.ZERO)));
    assertEquals("queues must name at least one queue", rejected(b -> b.queues()));
    assertEquals("workerId must not be blank", rejected(b -> b.workerId(" ")));
    assertEquals(
        "queue name 'no spaces' is invalid: use a letter, then letters, digits, '_', '-' or '.',"
            + " at most 100 characters",
        rejected(b -> b.queues("default", "no spaces")));
  }

  @Test
  void rejectsEachSettingAboveItsLimitWithItsNameAndValue() {
    Duration overADay = Duration.ofDays(1).plusMillis(1);
    assertEquals("concurrency must be at most 1000, was 1001", rejected(b -> b.concurrency(1001)));
    assertEquals("prefetch must be between 0 and 1000, was 1001", rejected(b -> b.prefetch(1001)));
    assertEquals(
        "completion batch size must be between 1 and 1000, was 0",
        rejected(b -> b.completionBatch(0, Duration.ZERO)));
    assertEquals(
        "completion flush delay must be between 0 and PT1S, was PT-0.001S",
        rejected(b -> b.completionBatch(1, Duration.ofMillis(-1))));
    assertEquals(
        "vacuumEvery must be 0 or at least 1000, was 999", rejected(b -> b.vacuumEvery(999)));
    assertEquals(
        "rateLimit must be at most PT24H, was PT24H0.001S", rejected(b -> b.rateLimit(overADay)));
    assertEquals(
        "pollInterval must be at most PT24H, was PT24H0.001S",
        rejected(b -> b.pollInterval(overADay)));
    assertEquals("lease must be at most PT24H, was PT24H0.001S", rejected(b -> b.lease(overADay)));
    assertEquals(
        "shutdownGrace must be at most PT24H, was PT24H0.001S",
        rejected(b -> b.shutdownGrace(overADay)));
    assertEquals(
        "retryBackoff must be at most PT24H, was PT24H0.001S",
        rejected(b -> b.retryBackoff(overADay)));
    assertEquals(
        "the catalog has no jobs: is a generated catalog registered in"
            + " META-INF/services/dev.dbq.runtime.JobCatalog on the class path?",
        rejected(b -> b.catalog(JobCatalog.of())));
  }

  @Test
  void theFirstBadSettingInTheDocumentedOrderIsTheOneNamed() {
    assertEquals(
        "concurrency must be at least 1, was 0",
        rejected(b -> b.lease(Duration.ZERO).concurrency(0).rateLimit(Duration.ofSeconds(-1))));
  }

  @Test
  void requiresADataSource() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> DbqWorker.builder().catalog(CATALOG).build());
    assertEquals("a data source is required: call dbq(...) or dataSource(...)", e.getMessage());
  }

  @Test
  void defaultsAreTheDocumentedConstants() {
    DbqWorker worker =
        DbqWorker.builder().dataSource(new PGSimpleDataSource()).catalog(CATALOG).build();

    assertEquals(List.of(DbqWorker.DEFAULT_QUEUE), worker.queues());
    assertEquals(1, DbqWorker.DEFAULT_CONCURRENCY);
    assertEquals(Duration.ZERO, DbqWorker.DEFAULT_RATE_LIMIT);
    assertEquals(Duration.ofSeconds(60), DbqWorker.DEFAULT_LEASE);
  }

  @Test
  void duplicateQueuesCountOnce() {
    DbqWorker worker =
        DbqWorker.builder()
            .dataSource(new PGSimpleDataSource())
            .catalog(CATALOG)
            .queues("a", "b", "a")
            .build();

    assertEquals(List.of("a", "b"), worker.queues());
  }
}
