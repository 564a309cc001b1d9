package dev.dbq.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Looks at what the bench database's backends are doing at a fixed interval during a drain, from
 * {@code pg_stat_activity} on a connection of its own: each busy backend (active, or idle in a
 * transaction) in each sample counts once, as on CPU (no wait event), or waiting on a heavyweight
 * {@code Lock} (a row or transaction lock), an {@code LWLock} (a shared-memory lock: the WAL
 * insertion and write locks, buffer mappings), {@code IO} (the WAL's fsync, data files), the client
 * (an open transaction waiting for the worker's next statement) or something else. A sample is what
 * the backends were doing at one instant, so the shares are of backend time, roughly.
 */
final class ActivitySampler implements AutoCloseable {
  /** Busy backends of the current database but the sampler's own. */
  private static final String SAMPLE =
      "SELECT state, wait_event_type, wait_event FROM pg_stat_activity"
          + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
          + " AND backend_type = 'client backend' AND state <> 'idle'";

  private final Connection connection;
  private final PreparedStatement sample;
  private final ScheduledExecutorService timer;
  private final Map<String, Long> kinds = new HashMap<>();
  private final Map<String, Long> events = new HashMap<>();
  private final long backendPid;
  private long samples;
  private SQLException failure;

  private ActivitySampler(String url, Duration interval) throws SQLException {
    this.connection = DriverManager.getConnection(url);
    connection.setAutoCommit(true);
    this.sample = connection.prepareStatement(SAMPLE);
    try (var s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      this.backendPid = rs.getLong(1);
    }
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bench-activity-sampler");
              t.setDaemon(true);
              return t;
            });
    long micros = interval.toNanos() / 1_000;
    timer.scheduleAtFixedRate(this::sampleOnce, micros, micros, TimeUnit.MICROSECONDS);
  }

  /** Starts sampling now, every {@code interval}. */
  static ActivitySampler start(String url, Duration interval) throws SQLException {
    return new ActivitySampler(url, interval);
  }

  /** The sampler's own backend, whose CPU is the bench's, not the drain's. */
  long backendPid() {
    return backendPid;
  }

  private void sampleOnce() {
    try (ResultSet rs = sample.executeQuery()) {
      Map<String, Long> k = new HashMap<>();
      Map<String, Long> e = new HashMap<>();
      while (rs.next()) {
        String kind = kind(rs.getString(1), rs.getString(2));
        k.merge(kind, 1L, Long::sum);
        if (rs.getString(2) != null) {
          e.merge(rs.getString(2) + ":" + rs.getString(3), 1L, Long::sum);
        }
      }
      synchronized (this) {
        samples++;
        k.forEach((key, n) -> kinds.merge(key, n, Long::sum));
        e.forEach((key, n) -> events.merge(key, n, Long::sum));
      }
    } catch (SQLException ex) {
      synchronized (this) {
        failure = ex;
      }
    }
  }

  /**
   * What a busy backend is doing, by its state and wait event type: {@code CPU}, {@code Lock},
   * {@code LWLock}, {@code IO}, {@code Client} or {@code other}.
   */
  static String kind(String state, String waitEventType) {
    if ("idle in transaction".equals(state) || "idle in transaction (aborted)".equals(state)) {
      return Activity.CLIENT;
    }
    if (waitEventType == null) {
      return Activity.CPU;
    }
    return switch (waitEventType) {
      case "Lock" -> Activity.LOCK;
      case "LWLock" -> Activity.LWLOCK;
      case "IO" -> Activity.IO;
      case "Client" -> Activity.CLIENT;
      default -> Activity.OTHER;
    };
  }

  /** Stops sampling and returns what was seen. */
  Activity stop() throws SQLException, InterruptedException {
    timer.shutdown();
    timer.awaitTermination(10, TimeUnit.SECONDS);
    synchronized (this) {
      if (failure != null) {
        throw failure;
      }
      return new Activity(samples, Map.copyOf(kinds), Map.copyOf(events));
    }
  }

  @Override
  public void close() throws SQLException {
    timer.shutdownNow();
    connection.close();
  }
}
