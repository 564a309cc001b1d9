package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Queues}: settings, the listing by state, and bad names and limits refused. */
class QueuesTest {
  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  private Queues queues() {
    return db.dbq.queues();
  }

  private void job(String queue, String state) {
    job(queue, state, "modified", "clock_timestamp()");
  }

  /** A job in {@code state}, with one more column set to an SQL expression. */
  private void job(String queue, String state, String column, String value) {
    db.sql.execute(
        "INSERT INTO dbq_job (id, name, queue_name, state, "
            + column
            + ") VALUES (gen_random_uuid(), 'j', '"
            + queue
            + "', '"
            + state
            + "', "
            + value
            + ")");
  }

  @Test
  void aQueueWithNeitherJobsNorSettingsReadsRunningUnlimitedAndEmpty() {
    QueueInfo queue = queues().get("nothing_here");

    assertEquals(
        new QueueInfo("nothing_here", false, OptionalInt.empty(), Map.of(), Optional.empty()),
        queue);
    assertEquals(List.of(), queues().list());
  }

  @Test
  void theListingCountsEveryStateOfEveryQueueAndShowsItsSettings() {
    job("mail", "NEW");
    job("mail", "NEW");
    job("mail", "READY");
    job("mail", "PROCESSING");
    job("mail", "COMPLETE");
    job("reports", "FAILED");
    queues().pause("mail");
    queues().limit("reports", 3);
    queues().pause("configured_only");

    List<QueueInfo> listed = queues().list();

    assertEquals(
        List.of("configured_only", "mail", "reports"),
        listed.stream().map(QueueInfo::name).toList());
    QueueInfo configured = listed.get(0);
    assertTrue(configured.paused());
    assertEquals(0, configured.waiting());
    QueueInfo mail = listed.get(1);
    assertTrue(mail.paused());
    assertEquals(OptionalInt.empty(), mail.concurrencyLimit());
    assertEquals(2, mail.count(JobState.NEW));
    assertEquals(1, mail.count(JobState.READY));
    assertEquals(1, mail.count(JobState.PROCESSING));
    assertEquals(1, mail.count(JobState.COMPLETE));
    assertEquals(3, mail.waiting());
    assertEquals(1, mail.running());
    assertTrue(mail.oldestWaiting().isPresent());
    QueueInfo reports = listed.get(2);
    assertFalse(reports.paused());
    assertEquals(OptionalInt.of(3), reports.concurrencyLimit());
    assertEquals(1, reports.count(JobState.FAILED));
    assertEquals(Optional.empty(), reports.oldestWaiting(), "nothing waits in reports");
    QueueInfo one = queues().get("mail");
    assertEquals(mail.jobs(), one.jobs(), "one queue reads as the listing does");
    assertTrue(one.paused());
  }

  @Test
  void theOldestWaitIsTheLongestRunnableOneAndScheduledJobsDoNotCount() {
    job("q", "NEW", "modified", "now() - interval '10 minutes'");
    job("q", "READY", "modified", "now() - interval '1 hour'");
    job("q", "NEW", "run_after", "now() + interval '1 day'");
    job("q", "COMPLETE", "modified", "now() - interval '3 days'");
    // its run_after passed 5 minutes ago: it has waited since then, not since its enqueue
    job("q", "NEW", "run_after", "now() - interval '5 minutes'");

    Duration oldest = queues().get("q").oldestWaiting().orElseThrow();

    assertTrue(
        oldest.compareTo(Duration.ofMinutes(59)) > 0 && oldest.compareTo(Duration.ofHours(2)) < 0,
        oldest.toString());
  }

  @Test
  void pauseResumeAndLimitsChangeOnlyWhatTheyName() {
    queues().pause(List.of("b", "a", "a"));
    queues().limit("a", 5);
    queues().limit("a", 2);

    assertTrue(queues().get("a").paused());
    assertTrue(queues().get("b").paused());
    assertEquals(OptionalInt.of(2), queues().get("a").concurrencyLimit());

    queues().resume("a");
    assertFalse(queues().get("a").paused());
    assertEquals(OptionalInt.of(2), queues().get("a").concurrencyLimit(), "the limit is kept");
    assertTrue(queues().get("b").paused());

    queues().removeLimit("a");
    queues().removeLimit("never_limited");
    queues().resume("never_paused");
    assertEquals(OptionalInt.empty(), queues().get("a").concurrencyLimit());
    assertEquals(
        List.of("b"),
        db.sql.column("SELECT name FROM dbq_queue"),
        "a queue back to running and unlimited keeps no row, and none is made for a no-op");
    queues().resume("b");
    assertEquals(List.of(), queues().list(), "queues without jobs or settings are not listed");
  }

  @Test
  void badNamesAndLimitsAreRefusedAndNothingIsWritten() {
    for (String bad : new String[] {"", "1st", "has space", "x".repeat(101), "semi;colon"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> queues().pause(bad));
      assertTrue(e.getMessage().contains("queue name '" + bad + "' is invalid"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> queues().limit(bad, 1));
      assertThrows(IllegalArgumentException.class, () -> queues().get(bad));
    }
    assertThrows(IllegalArgumentException.class, () -> queues().pause(List.of("ok", "")));
    assertThrows(IllegalArgumentException.class, () -> queues().pause(List.of()));
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> queues().limit("ok", 0));
    assertEquals("concurrency limit must be at least 1, was 0", zero.getMessage());
    assertThrows(IllegalArgumentException.class, () -> queues().limit("ok", -3));
    assertEquals(0, db.sql.count("SELECT count(*) FROM dbq_queue"));
  }

  @Test
  void aPauseOnALostConnectionFailsWithTheLossNotWithTheRestoreAfterIt() {
    Queues lost = Dbq.create(new LostConnections(db.database)).queues();
    DbqException e = assertThrows(DbqException.class, () -> lost.pause("reports"));
    // putting auto-commit back on the dead connection fails too; that must not hide the loss
    assertFalse(e.getMessage().contains("closed"), e.getMessage());
    String state = ((SQLException) e.getCause()).getSQLState();
    assertTrue(state.startsWith("08") || state.equals("57P01"), state + ": " + e.getMessage());
    assertEquals(0, db.sql.count("SELECT count(*) FROM dbq_queue"));
  }
}
