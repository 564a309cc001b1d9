package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbq.runtime.internal.store.Notifications;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** Each enqueue notifies {@value Notifications#CHANNEL} with the queue name, on commit only. */
class NotifyTest {
  private static final JobDefinition JOB =
      JobDefinition.builder("ping").step("ping", Invocation::workspace).build();

  private static TestDatabase database;
  private static Dbq dbq;
  private Connection listener;

  @BeforeAll
  static void start() {
    database = TestDatabase.create();
    dbq = Dbq.connect(database.url());
    dbq.migrate();
  }

  @AfterAll
  static void stop() {
    dbq.close();
    database.close();
  }

  @BeforeEach
  void listen() throws Exception {
    listener = database.connect();
    try (Statement s = listener.createStatement()) {
      s.execute("LISTEN " + Notifications.CHANNEL);
    }
  }

  @AfterEach
  void unlisten() throws Exception {
    listener.close();
  }

  /** Notifications that arrive within the timeout; returns early once {@code expected} came. */
  private List<String> payloads(int expected, int timeoutMillis) throws Exception {
    List<String> payloads = new ArrayList<>();
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (payloads.size() < expected) {
      int left = (int) ((deadline - System.nanoTime()) / 1_000_000L);
      if (left <= 0) {
        break;
      }
      PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(left);
      if (got != null) {
        for (PGNotification n : got) {
          assertEquals(Notifications.CHANNEL, n.getName());
          payloads.add(n.getParameter());
        }
      }
    }
    return payloads;
  }

  @Test
  void enqueueNotifiesWithTheQueueName() throws Exception {
    TestJobBuilder.of(JOB).queue("mail").enqueue(dbq);
    assertEquals(List.of("mail"), payloads(1, 5_000));
  }

  @Test
  void notifiesOnCommitOnly() throws Exception {
    try (Connection c = database.connect()) {
      c.setAutoCommit(false);
      TestJobBuilder.of(JOB).queue("rolled_back").enqueue(c);
      assertEquals(List.of(), payloads(1, 200), "nothing before commit");
      c.rollback();
      TestJobBuilder.of(JOB).queue("committed").enqueue(c);
      c.commit();
    }
    assertEquals(List.of("committed"), payloads(1, 5_000));
    assertEquals(List.of(), payloads(1, 200), "nothing for the rolled back job");
  }

  @Test
  void aBatchNotifiesOncePerDistinctQueue() throws Exception {
    dbq.enqueueAll(
        List.of(
            TestJobBuilder.of(JOB).queue("a"),
            TestJobBuilder.of(JOB).queue("b"),
            TestJobBuilder.of(JOB).queue("a"),
            TestJobBuilder.of(JOB).queue("a")));
    List<String> got = payloads(2, 10_000);
    got.sort(null);
    assertEquals(List.of("a", "b"), got);
    assertEquals(List.of(), payloads(1, 200), "no third notification");
  }
}
