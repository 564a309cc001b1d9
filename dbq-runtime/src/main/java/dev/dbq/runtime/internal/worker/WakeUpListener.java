package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.internal.ErrorBackoff;
import dev.dbq.runtime.internal.RuntimeLoggers;
import dev.dbq.runtime.internal.store.Notifications;
import dev.dbq.runtime.internal.store.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;

/**
 * Listens on {@link Notifications#CHANNEL} (payload: the queue name) over a dedicated connection
 * and wakes the claim loop when a job is enqueued in one of the worker's queues; a cancel's
 * notification ({@link Notifications#CANCEL_PAYLOAD}) runs {@code onCancel} instead. Bursts
 * coalesce in the {@link WakeUp}. A broken connection is logged and reopened after a bounded
 * backoff; after every (re)connect the loop is woken once, since notifications may have been missed
 * meanwhile.
 */
public final class WakeUpListener implements Runnable {
  private static final Logger log = RuntimeLoggers.of(WakeUpListener.class);
  private static final int RECEIVE_TIMEOUT_MILLIS = 250;

  private final ListenerConnections connections;
  private final Set<String> queues;
  private final WakeUp wakeUp;
  private final Runnable onCancel;
  private final WakeUp backoffSleeper = new WakeUp();
  private volatile boolean stopped;
  private volatile boolean listening;
  private Thread thread;

  WakeUpListener(
      ListenerConnections connections, Set<String> queues, WakeUp wakeUp, Runnable onCancel) {
    this.onCancel = onCancel;
    this.connections = connections;
    this.queues = queues;
    this.wakeUp = wakeUp;
  }

  void start(String threadName) {
    thread = new Thread(this, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops listening and waits briefly for the thread to close its connection. */
  void stop() throws InterruptedException {
    stopped = true;
    backoffSleeper.signal();
    if (thread != null) {
      thread.join(2L * RECEIVE_TIMEOUT_MILLIS + 1000);
    }
  }

  /** Whether {@code LISTEN} is in effect right now. */
  boolean isListening() {
    return listening;
  }

  @Override
  public void run() {
    ErrorBackoff backoff = new ErrorBackoff();
    while (!stopped) {
      try (Connection c = connections.open()) {
        c.setAutoCommit(true);
        PGConnection pg = c.unwrap(PGConnection.class);
        try (Statement s = c.createStatement()) {
          s.execute(SqlStatement.LISTEN.sql());
          // one notification to itself, in no queue, so that the receiving path is linked before
          // the first real one arrives; other workers ignore it
          s.execute(SqlStatement.NOTIFY_WARM_UP.sql());
        }
        listening = true;
        backoff.reset();
        log.debug("listening on {} for queues {}", Notifications.CHANNEL, queues);
        wakeUp.signal();
        receive(pg);
      } catch (SQLException | RuntimeException e) {
        if (stopped) {
          break;
        }
        log.warn(
            "wake-up listener lost its connection; reconnecting in {} ms", backoff.millis(), e);
      } finally {
        listening = false;
      }
      try {
        backoffSleeper.awaitMillis(backoff.millis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      backoff.failedAgain();
    }
  }

  private void receive(PGConnection pg) throws SQLException {
    while (!stopped) {
      PGNotification[] notifications = pg.getNotifications(RECEIVE_TIMEOUT_MILLIS);
      if (notifications == null) {
        continue;
      }
      boolean woken = false;
      boolean cancel = false;
      for (PGNotification n : notifications) {
        if (!woken && queues.contains(n.getParameter())) {
          wakeUp.signal();
          woken = true;
        } else if (!cancel && Notifications.CANCEL_PAYLOAD.equals(n.getParameter())) {
          onCancel.run();
          cancel = true;
        }
      }
    }
  }
}
