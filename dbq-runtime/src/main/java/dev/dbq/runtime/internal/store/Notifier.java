package dev.dbq.runtime.internal.store;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.internal.RuntimeLoggers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;

/**
 * Sends the notifications of enqueues that committed without one, coalesced: one statement per
 * round, one notification per queue, however many enqueues asked meanwhile.
 *
 * <p>Why: PostgreSQL serialises the commits of notifying transactions (a transaction that ran
 * {@code NOTIFY} holds a database-wide lock until its commit is flushed), so concurrent enqueues
 * that each notify cannot share a disk flush. {@link Enqueuer} therefore notifies in the enqueuing
 * statement only when no other enqueue of its {@link Dbq} is in flight, and defers to this class
 * otherwise.
 */
public final class Notifier implements AutoCloseable {
  private static final Logger log = RuntimeLoggers.of(Notifier.class);

  private final DataSource dataSource;
  private final Set<String> pending = new LinkedHashSet<>();
  private Thread thread;
  private boolean closed;

  public Notifier(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Asks for a notification of each queue, sent soon after this call from another thread. */
  public synchronized void request(Collection<String> queues) {
    if (closed) {
      return;
    }
    pending.addAll(queues);
    if (thread == null) {
      thread = new Thread(this::run, "dbq-notifier");
      thread.setDaemon(true);
      thread.start();
    }
    notifyAll();
  }

  /** Sends what is pending, then stops. */
  @Override
  public void close() {
    Thread running;
    synchronized (this) {
      closed = true;
      notifyAll();
      running = thread;
    }
    if (running != null) {
      try {
        running.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    while (true) {
      String[] queues;
      synchronized (this) {
        while (pending.isEmpty() && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (pending.isEmpty()) {
          return;
        }
        queues = pending.toArray(new String[0]);
        pending.clear();
      }
      send(queues);
    }
  }

  private void send(String[] queues) {
    try (Connection c = dataSource.getConnection();
        NamedStatement ps = NamedStatement.prepare(c, SqlStatement.NOTIFY_QUEUES)) {
      c.setAutoCommit(true);
      ps.setString("channel", Notifications.CHANNEL).setArray("queues", "text", queues);
      ps.executeQuery().close();
    } catch (SQLException e) {
      log.warn(
          "cannot notify workers of new jobs in {}; they find them at their next poll",
          Set.of(queues),
          e);
    }
  }
}
