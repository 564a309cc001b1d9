package dev.dbq.runtime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.MigratedDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The claim of a worker that serves several queues: in one priority and age order across them, and
 * locking no more rows than it claims (each locked row is a WAL record and a row other workers'
 * claims must skip; the claim over N queues once locked up to N times its limit). The claims run in
 * a transaction the test holds open, so the rows they lock are still locked when another connection
 * counts the waiting rows its {@code FOR UPDATE SKIP LOCKED} cannot take.
 */
class ClaimManyQueuesTest {
  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  private static final List<String> NAMES = List.of("noop");

  private final WorkerStore store =
      new WorkerStore(
          db.dbq.dataSource(),
          "claim-many-queues-test",
          Duration.ofMinutes(1),
          JobCatalog.of(JobDefinition.builder("noop").step("only", call -> null).build()),
          false);

  /** {@code jobs} waiting jobs in each queue, priorities 0 to 4 interleaved with the age order. */
  private static void insert(List<String> queues, int jobs) {
    db.sql.execute(
        "INSERT INTO dbq_job (id, name, queue_name, priority, state)"
            + " SELECT gen_random_uuid(), 'noop', q, (i * 7 + ord) % 5, 'NEW'"
            + " FROM unnest('{"
            + String.join(",", queues)
            + "}'::text[]) WITH ORDINALITY AS u(q, ord), generate_series(1, "
            + jobs
            + ") AS i ORDER BY i, ord");
  }

  private static List<String> queues(int count) {
    return IntStream.range(0, count).mapToObj(i -> String.format("q%03d", i)).toList();
  }

  /** The ids of the waiting jobs of the given queues in the claim's order, the first {@code n}. */
  private static List<String> globalTop(List<String> queues, int n) {
    return db.sql.column(
        "SELECT id FROM dbq_job WHERE state IN ('NEW', 'READY') AND queue_name = ANY('{"
            + String.join(",", queues)
            + "}') ORDER BY priority DESC, seq LIMIT "
            + n);
  }

  /** Waiting rows (as other transactions see them) that another transaction holds locked. */
  private static long lockedWaitingRows() {
    long waiting = db.sql.count("SELECT count(*) FROM dbq_job WHERE state IN ('NEW', 'READY')");
    long lockable =
        db.sql.count(
            "SELECT count(*) FROM (SELECT id FROM dbq_job WHERE state IN ('NEW', 'READY')"
                + " FOR UPDATE SKIP LOCKED) AS free");
    return waiting - lockable;
  }

  private static List<String> ids(List<Claim> claims) {
    return claims.stream().map(c -> c.id().toString()).toList();
  }

  @Test
  void aClaimOverManyQueuesLocksOnlyTheRowsItClaims() throws Exception {
    List<String> queues = queues(200);
    insert(queues, 20);
    List<String> expected = globalTop(queues, 16);
    try (Connection c = db.database.connect()) {
      c.setAutoCommit(false);
      List<Claim> claimed = store.claim(c, queues, NAMES, 16, 16);
      try {
        assertEquals(expected, ids(claimed));
        assertEquals(claimed.size(), lockedWaitingRows());
      } finally {
        c.rollback();
      }
    }
  }

  @Test
  void severalQueuesAreClaimedInOnePriorityAndAgeOrder() throws Exception {
    List<String> queues = List.of("a", "b", "c");
    insert(queues, 6);
    List<String> expected = globalTop(queues, 18);
    for (int from = 0; from < 18; from += 4) {
      List<Claim> claimed = store.claim(queues, NAMES, 4);
      assertEquals(expected.subList(from, Math.min(18, from + 4)), ids(claimed), "from " + from);
    }
    assertEquals(List.of(), store.claim(queues, NAMES, 4));
  }

  @Test
  void aRowAnotherClaimHoldsIsSkippedForItsQueuesNextRow() throws Exception {
    List<String> queues = queues(50);
    insert(queues, 10);
    List<String> top = globalTop(queues, 9);
    try (Connection other = db.database.connect();
        Connection c = db.database.connect()) {
      other.setAutoCommit(false);
      try (Statement s = other.createStatement()) {
        s.execute("SELECT id FROM dbq_job WHERE id = '" + top.get(0) + "' FOR UPDATE");
      }
      c.setAutoCommit(false);
      try {
        List<Claim> claimed = store.claim(c, queues, NAMES, 8, 8);
        assertEquals(8, claimed.size());
        assertFalse(ids(claimed).contains(top.get(0)));
        assertEquals(claimed.size() + 1, lockedWaitingRows());
      } finally {
        c.rollback();
        other.rollback();
      }
    }
  }

  @Test
  void whenOtherClaimsHoldAQueuesRowsTheClaimTakesOtherQueuesRows() throws Exception {
    // "held" comes first in the order but another claim holds all of it: a claim that looked only
    // at the best candidates would find nothing, and a worker draining until empty would stop
    // with "free" still waiting
    db.sql.execute(
        "INSERT INTO dbq_job (id, name, queue_name, priority, state)"
            + " SELECT gen_random_uuid(), 'noop', q, p, 'NEW'"
            + " FROM (VALUES ('held', 5), ('held', 5), ('free', 0), ('free', 0), ('free', 0))"
            + " AS v(q, p)");
    List<String> free =
        db.sql.column("SELECT id FROM dbq_job WHERE queue_name = 'free' ORDER BY seq LIMIT 2");
    try (Connection other = db.database.connect();
        Connection c = db.database.connect()) {
      other.setAutoCommit(false);
      try (Statement s = other.createStatement()) {
        s.execute("SELECT id FROM dbq_job WHERE queue_name = 'held' FOR UPDATE");
      }
      c.setAutoCommit(false);
      try {
        List<Claim> claimed = store.claim(c, List.of("free", "held"), NAMES, 2, 2);
        assertEquals(free, ids(claimed));
        assertEquals(2 + 2, lockedWaitingRows());
      } finally {
        c.rollback();
        other.rollback();
      }
    }
  }

  @Test
  void pausedAndLimitedQueuesKeepTheirRulesAmongOthers() throws Exception {
    List<String> queues = List.of("free", "limited", "paused");
    insert(queues, 5);
    db.sql.execute(
        "INSERT INTO dbq_queue (name, paused, concurrency_limit)"
            + " VALUES ('limited', false, 2), ('paused', true, NULL)");

    // the slots bound the limited queue, not the others
    List<Claim> claimed = store.claim(queues, NAMES, 10, 1);
    assertEquals(1, claimed.stream().filter(c -> c.queue().equals("limited")).count());
    assertEquals(5, claimed.stream().filter(c -> c.queue().equals("free")).count());
    assertEquals(0, claimed.stream().filter(c -> c.queue().equals("paused")).count());

    // one of its two slots is held now
    List<Claim> again = store.claim(queues, NAMES, 10, 10);
    assertEquals(List.of("limited"), again.stream().map(Claim::queue).toList());
    assertEquals(List.of(), store.claim(queues, NAMES, 10, 10));
    assertEquals(
        0,
        db.sql.count("SELECT count(*) FROM dbq_job WHERE queue_name = 'paused' AND attempt > 0"));
  }
}
