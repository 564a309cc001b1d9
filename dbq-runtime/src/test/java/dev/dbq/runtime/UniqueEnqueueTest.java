package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Unique jobs ({@link Uniqueness}): a duplicate is not inserted and is answered with the existing
 * job's id, for single, batch and in-transaction enqueues; a key stops refusing once its job leaves
 * the refusing states; the period makes a key of the next period a new job.
 */
class UniqueEnqueueTest {
  /** A workspace with one field of the key and one that is not. */
  public record Invoice(long customerId, String note) {}

  static final JobDefinition INVOICE =
      JobDefinition.builder("send_invoice")
          .workspaceType(Invoice.class)
          .unique(Uniqueness.byFields("customerId"))
          .step("send", Invocation::workspace)
          .build();
  static final JobDefinition HOURLY =
      JobDefinition.builder("refresh_feed")
          .unique(Uniqueness.byName().period(Duration.ofHours(1)))
          .step("refresh", Invocation::workspace)
          .build();
  static final JobDefinition ONCE_EVER =
      JobDefinition.builder("welcome_mail")
          .workspaceType(Invoice.class)
          .unique(
              Uniqueness.byFields("customerId")
                  .refusingIn(
                      EnumSet.of(
                          JobState.NEW,
                          JobState.READY,
                          JobState.PROCESSING,
                          JobState.STOPPING,
                          JobState.COMPLETE)))
          .step("send", Invocation::workspace)
          .build();

  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  private static TestJobBuilder invoice(long customer, String note) {
    return TestJobBuilder.of(INVOICE).workspace(new Invoice(customer, note));
  }

  private long rows(String name) {
    return db.sql.count("SELECT count(*) FROM dbq_job WHERE name = '" + name + "'");
  }

  @Test
  void aDuplicateInsertsNothingAndAnswersWithTheWaitingJobsId() {
    EnqueueResult first = invoice(7, "first").submit(db.dbq);
    EnqueueResult second = invoice(7, "second click").submit(db.dbq);
    UUID third = invoice(7, "third").enqueue(db.dbq);

    assertFalse(first.duplicate());
    assertTrue(second.duplicate());
    assertEquals(first.id(), second.id());
    assertEquals(first.id(), third, "enqueue() returns the existing job's id too");
    assertEquals(1, rows("send_invoice"));
    assertTrue(db.dbq.findJob(first.id()).orElseThrow().workspace().contains("first"));
  }

  @Test
  void otherValuesOfTheKeyFieldsAreOtherJobs() {
    EnqueueResult a = invoice(1, "x").submit(db.dbq);
    EnqueueResult b = invoice(2, "x").submit(db.dbq);
    assertFalse(b.duplicate());
    assertNotEquals(a.id(), b.id());
    assertEquals(2, rows("send_invoice"));
  }

  @Test
  void aJobThatIsNotUniqueIsNeverADuplicate() {
    TestJobBuilder plain = TestJobBuilder.named("plain");
    assertFalse(plain.submit(db.dbq).duplicate());
    assertFalse(plain.submit(db.dbq).duplicate());
    assertEquals(2, rows("plain"));
  }

  @Test
  void aBatchWithTheSameKeyTwiceInsertsItOnceAndAnswersBothWithIt() {
    List<EnqueueResult> results =
        db.dbq.submitAll(
            List.of(
                invoice(5, "a"), TestJobBuilder.named("plain"), invoice(5, "b"), invoice(6, "c")));
    assertEquals(4, results.size());
    assertFalse(results.get(0).duplicate());
    assertFalse(results.get(1).duplicate());
    assertTrue(results.get(2).duplicate());
    assertFalse(results.get(3).duplicate());
    assertEquals(results.get(0).id(), results.get(2).id());
    assertEquals(2, rows("send_invoice"));
    assertEquals(1, rows("plain"));
  }

  @Test
  void aBatchAgainstAWaitingJobAnswersWithIt() {
    UUID waiting = invoice(3, "waiting").enqueue(db.dbq);
    List<UUID> ids = db.dbq.enqueueAll(List.of(invoice(4, "new"), invoice(3, "again")));
    assertEquals(waiting, ids.get(1));
    assertNotEquals(waiting, ids.get(0));
    assertEquals(2, rows("send_invoice"));
  }

  @Test
  void inTheCallersTransactionADuplicateOfItsOwnUncommittedJobIsFlagged() throws Exception {
    try (Connection c = db.dbq.dataSource().getConnection()) {
      c.setAutoCommit(false);
      EnqueueResult first = invoice(11, "a").submit(c);
      EnqueueResult again = invoice(11, "b").submit(c);
      List<EnqueueResult> batch = Dbq.submitAll(c, List.of(invoice(11, "c"), invoice(12, "d")));
      c.commit();
      assertFalse(first.duplicate());
      assertTrue(again.duplicate());
      assertEquals(first.id(), again.id());
      assertEquals(first.id(), batch.get(0).id());
      assertTrue(batch.get(0).duplicate());
      assertFalse(batch.get(1).duplicate());
    }
    assertEquals(2, rows("send_invoice"));
  }

  @Test
  void anEnqueueOfAKeyAnOpenTransactionHoldsWaitsAndIsItsDuplicateWhenItCommits() throws Exception {
    try (Connection c = db.dbq.dataSource().getConnection()) {
      c.setAutoCommit(false);
      UUID mine = invoice(21, "in transaction").enqueue(c);
      CompletableFuture<EnqueueResult> other =
          CompletableFuture.supplyAsync(() -> invoice(21, "outside").submit(db.dbq));
      Await.until(
          "the other enqueue waits for the open transaction's row",
          () ->
              db.sql.count(
                      "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                          + " AND datname = current_database()")
                  == 1,
          Duration.ofSeconds(10));
      assertFalse(other.isDone());
      c.commit();
      EnqueueResult result = other.get();
      assertTrue(result.duplicate());
      assertEquals(mine, result.id());
    }
    assertEquals(1, rows("send_invoice"));
  }

  @Test
  void anEnqueueOfAKeyARolledBackTransactionHeldInsertsItsOwnJob() throws Exception {
    try (Connection c = db.dbq.dataSource().getConnection()) {
      c.setAutoCommit(false);
      invoice(22, "rolled back").enqueue(c);
      CompletableFuture<EnqueueResult> other =
          CompletableFuture.supplyAsync(() -> invoice(22, "outside").submit(db.dbq));
      Await.until(
          "the other enqueue waits for the open transaction's row",
          () ->
              db.sql.count(
                      "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                          + " AND datname = current_database()")
                  == 1,
          Duration.ofSeconds(10));
      c.rollback();
      EnqueueResult result = other.get();
      assertFalse(result.duplicate());
      assertTrue(db.dbq.findJob(result.id()).orElseThrow().workspace().contains("outside"));
    }
    assertEquals(1, rows("send_invoice"));
  }

  @Test
  void onceTheJobCompletesTheSameKeyEnqueuesANewJob() throws Exception {
    UUID first = invoice(31, "first").enqueue(db.dbq);
    try (DbqWorker worker =
        DbqWorker.builder().dbq(db.dbq).catalog(JobCatalog.of(INVOICE)).build()) {
      worker.runUntilEmpty();
    }
    assertEquals(JobState.COMPLETE, db.dbq.findJob(first).orElseThrow().state());

    EnqueueResult second = invoice(31, "second").submit(db.dbq);
    assertFalse(second.duplicate());
    assertNotEquals(first, second.id());
    assertEquals(2, rows("send_invoice"));
  }

  @Test
  void onceTheJobFailsOrIsCancelledTheSameKeyEnqueuesANewJob() throws Exception {
    JobDefinition failing =
        JobDefinition.builder("charge_card")
            .workspaceType(Invoice.class)
            .unique(Uniqueness.byFields("customerId"))
            .step(
                "charge",
                call -> {
                  throw new IllegalStateException("card declined");
                })
            .build();
    UUID failed = TestJobBuilder.of(failing).workspace(new Invoice(41, "failed")).enqueue(db.dbq);
    try (DbqWorker worker =
        DbqWorker.builder().dbq(db.dbq).catalog(JobCatalog.of(failing)).build()) {
      worker.runUntilEmpty();
    }
    assertEquals(JobState.FAILED, db.dbq.findJob(failed).orElseThrow().state());
    EnqueueResult afterFailure =
        TestJobBuilder.of(failing).workspace(new Invoice(41, "after failure")).submit(db.dbq);
    assertFalse(afterFailure.duplicate());

    db.dbq.control().cancel(List.of(afterFailure.id()));
    assertEquals(JobState.CANCELLED, db.dbq.findJob(afterFailure.id()).orElseThrow().state());
    EnqueueResult afterCancel =
        TestJobBuilder.of(failing).workspace(new Invoice(41, "after cancel")).submit(db.dbq);
    assertFalse(afterCancel.duplicate());
    assertEquals(3, rows("charge_card"));
  }

  @Test
  void aJobRefusingWhileCompleteRefusesADuplicateOfItsCompletedJob() {
    UUID first = TestJobBuilder.of(ONCE_EVER).workspace(new Invoice(51, "a")).enqueue(db.dbq);
    db.sql.execute("UPDATE dbq_job SET state = 'COMPLETE' WHERE id = '" + first + "'");
    EnqueueResult again =
        TestJobBuilder.of(ONCE_EVER).workspace(new Invoice(51, "b")).submit(db.dbq);
    assertTrue(again.duplicate());
    assertEquals(first, again.id());

    db.sql.execute("UPDATE dbq_job SET state = 'FAILED' WHERE id = '" + first + "'");
    assertFalse(
        TestJobBuilder.of(ONCE_EVER).workspace(new Invoice(51, "c")).submit(db.dbq).duplicate(),
        "FAILED is not among this job's refusing states");
  }

  @Test
  void aKeyInTheNextPeriodIsANewJobAndOneInTheSamePeriodADuplicate() {
    Instant hour = Instant.parse("2030-01-01T10:00:00Z");
    EnqueueResult at10 = TestJobBuilder.of(HOURLY).runAfter(hour).submit(db.dbq);
    EnqueueResult at1059 =
        TestJobBuilder.of(HOURLY).runAfter(hour.plus(Duration.ofMinutes(59))).submit(db.dbq);
    EnqueueResult at11 =
        TestJobBuilder.of(HOURLY).runAfter(hour.plus(Duration.ofHours(1))).submit(db.dbq);

    assertFalse(at10.duplicate());
    assertTrue(at1059.duplicate());
    assertEquals(at10.id(), at1059.id());
    assertFalse(at11.duplicate(), "10:00 and 11:00 fall in different hours");
    assertEquals(2, rows("refresh_feed"));
  }

  @Test
  void aRetryOfAFailedJobWhoseKeyAnotherJobHoldsLeavesItAlone() {
    UUID failed = invoice(61, "failed").enqueue(db.dbq);
    db.sql.execute("UPDATE dbq_job SET state = 'FAILED' WHERE id = '" + failed + "'");
    UUID holder = invoice(61, "holder").enqueue(db.dbq);

    JobActionResult retried = db.dbq.control().retry(List.of(failed));
    assertEquals(List.of(), retried.changed());
    assertEquals(Map.of(failed, JobState.FAILED), retried.leftAlone());

    db.sql.execute("UPDATE dbq_job SET state = 'COMPLETE' WHERE id = '" + holder + "'");
    assertEquals(List.of(failed), db.dbq.control().retry(List.of(failed)).changed());
    assertTrue(invoice(61, "now a duplicate").submit(db.dbq).duplicate());
  }

  @Test
  void aRetryOfTwoFailedJobsOfOneKeyRetriesTheOlderOnly() {
    UUID older = invoice(71, "older").enqueue(db.dbq);
    db.sql.execute("UPDATE dbq_job SET state = 'FAILED' WHERE id = '" + older + "'");
    UUID newer = invoice(71, "newer").enqueue(db.dbq);
    db.sql.execute("UPDATE dbq_job SET state = 'FAILED' WHERE id = '" + newer + "'");

    JobActionResult retried = db.dbq.control().retry(List.of(older, newer));
    assertEquals(List.of(older), retried.changed());
    assertEquals(Map.of(newer, JobState.FAILED), retried.leftAlone());
  }

  @Test
  void enqueueEventsTellTheDuplicatesApartFromTheJobsWritten() {
    List<DbqEvent.Enqueued> events = new CopyOnWriteArrayList<>();
    DbqListener listener =
        new DbqListener() {
          @Override
          public void onEnqueued(DbqEvent.Enqueued event) {
            events.add(event);
          }
        };
    db.dbq.addListener(listener);
    try {
      UUID first = invoice(81, "a").enqueue(db.dbq);
      invoice(81, "b").enqueue(db.dbq);
      assertEquals(2, events.size());
      assertEquals(1, events.get(0).jobs().size());
      assertEquals(List.of(), events.get(0).duplicates());
      assertEquals(List.of(), events.get(1).jobs());
      assertEquals(1, events.get(1).duplicates().size());
      DbqEvent.EnqueuedJob duplicate = events.get(1).duplicates().get(0);
      assertEquals(first, duplicate.job().id());
      assertEquals("send_invoice", duplicate.job().name());
      assertEquals("default", duplicate.job().queue());
    } finally {
      db.dbq.removeListener(listener);
    }
  }

  @Test
  void aPeriodUnderAMillisecondOrAStateSetWithoutARunningStateIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> Uniqueness.byName().period(Duration.ofNanos(10)));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Uniqueness.byName()
                    .refusingIn(EnumSet.of(JobState.NEW, JobState.READY, JobState.PROCESSING)));
    assertTrue(e.getMessage().contains("missing [STOPPING]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Uniqueness.byFields("a", "a"));
  }
}
