package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.internal.store.Notifications;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** Concurrent enqueues of one Dbq still wake workers, with fewer notifications than enqueues. */
class NotifyCoalescingTest {
  private static final JobDefinition JOB =
      JobDefinition.builder("ping").step("ping", Invocation::workspace).build();

  @Test
  void concurrentEnqueuesAreFollowedByANotificationOfEachQueue() throws Exception {
    try (TestDatabase database = TestDatabase.create();
        Dbq dbq = Dbq.connect(database.url());
        Connection listener = database.connect()) {
      dbq.migrate();
      try (Statement s = listener.createStatement()) {
        s.execute("LISTEN " + Notifications.CHANNEL);
      }
      ExecutorService threads = Executors.newFixedThreadPool(8);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String queue = t % 2 == 0 ? "even" : "odd";
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 25; i++) {
                    TestJobBuilder.of(JOB).queue(queue).enqueue(dbq);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      threads.shutdown();

      Set<String> woken = new HashSet<>();
      int notifications = 0;
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (woken.size() < 2 && System.nanoTime() < deadline) {
        PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(500);
        if (got != null) {
          for (PGNotification n : got) {
            woken.add(n.getParameter());
            notifications++;
          }
        }
      }
      assertEquals(Set.of("even", "odd"), woken);
      assertTrue(notifications <= 200, "at most one notification per enqueue: " + notifications);
    }
  }
}
