package dev.dbq.runtime.internal.store;

import dev.dbq.runtime.JobState;
import dev.dbq.runtime.QueueInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The statements on queues as objects ({@code dbq_queue}): pause, resume, limit, and the listing of
 * every queue with its jobs by state. Methods take the caller's connection and leave its
 * transaction alone; queue names come checked, sorted and distinct (the claim locks limited queues'
 * rows in that order, and so must everything else that locks several).
 */
public final class QueueStore {
  private QueueStore() {}

  public static void pause(Connection c, List<String> queues) throws SQLException {
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.PAUSE_QUEUES)) {
      s.setArray("queues", "text", queues.toArray());
      s.executeUpdate();
    }
  }

  public static void resume(Connection c, List<String> queues) throws SQLException {
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.RESUME_QUEUES)) {
      s.setArray("queues", "text", queues.toArray()).setString("channel", Notifications.CHANNEL);
      s.executeQuery().close();
    }
    forgetPlain(c, queues);
  }

  public static void limit(Connection c, String queue, int concurrencyLimit) throws SQLException {
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.LIMIT_QUEUE)) {
      s.setString("queue", queue)
          .setInt("concurrency_limit", concurrencyLimit)
          .setString("channel", Notifications.CHANNEL);
      s.executeQuery().close();
    }
  }

  public static void removeLimit(Connection c, String queue) throws SQLException {
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.REMOVE_QUEUE_LIMIT)) {
      s.setString("queue", queue).setString("channel", Notifications.CHANNEL);
      s.executeQuery().close();
    }
    forgetPlain(c, List.of(queue));
  }

  /** Drops the rows left with neither a pause nor a limit: the same as no row. */
  private static void forgetPlain(Connection c, List<String> queues) throws SQLException {
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.FORGET_PLAIN_QUEUES)) {
      s.setArray("queues", "text", queues.toArray());
      s.executeUpdate();
    }
  }

  /**
   * Every queue that has jobs or a row, by name; or only {@code queue}, when it is not null (an
   * empty list when it has neither).
   */
  public static List<QueueInfo> list(Connection c, String queue) throws SQLException {
    List<QueueInfo> queues = new ArrayList<>();
    // unprepared: planned with the queue at hand, so a null queue's test folds away
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.LIST_QUEUES).unprepared()) {
      s.setString("queue", queue);
      try (ResultSet rs = s.executeQuery()) {
        Building current = null;
        while (rs.next()) {
          String name = rs.getString(1);
          if (current == null || !current.name.equals(name)) {
            if (current != null) {
              queues.add(current.build());
            }
            boolean paused = rs.getBoolean(2);
            int limit = rs.getInt(3);
            current =
                new Building(
                    name, paused, rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(limit));
          }
          String state = rs.getString(4);
          if (state != null) {
            current.jobs.put(JobState.valueOf(state), rs.getLong(5));
          }
          long waitingMillis = rs.getLong(6);
          if (!rs.wasNull()) {
            current.waited(Duration.ofMillis(waitingMillis));
          }
        }
        if (current != null) {
          queues.add(current.build());
        }
      }
    }
    return List.copyOf(queues);
  }

  /** One queue's rows, one per state, gathered. */
  private static final class Building {
    final String name;
    final boolean paused;
    final OptionalInt concurrencyLimit;
    final Map<JobState, Long> jobs = new EnumMap<>(JobState.class);
    Optional<Duration> oldestWaiting = Optional.empty();

    Building(String name, boolean paused, OptionalInt concurrencyLimit) {
      this.name = name;
      this.paused = paused;
      this.concurrencyLimit = concurrencyLimit;
    }

    /** A state's oldest runnable job waited this long (NEW and READY each have one). */
    void waited(Duration age) {
      if (oldestWaiting.isEmpty() || age.compareTo(oldestWaiting.get()) > 0) {
        oldestWaiting = Optional.of(age);
      }
    }

    QueueInfo build() {
      return new QueueInfo(name, paused, concurrencyLimit, jobs, oldestWaiting);
    }
  }
}
