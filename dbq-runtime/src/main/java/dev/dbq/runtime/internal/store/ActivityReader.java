package dev.dbq.runtime.internal.store;

import dev.dbq.runtime.RecentActivity;
import dev.dbq.runtime.RecentActivity.Bucket;
import dev.dbq.runtime.RecentActivity.WorkerSeen;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs {@link SqlStatement#RECENT_STEP_RUNS} and {@link SqlStatement#HELD_BY_WORKER} and turns
 * their rows into a {@link RecentActivity}: every bucket present, workers merged by id.
 */
public final class ActivityReader {
  private ActivityReader() {}

  /**
   * @param c the caller's connection, its transaction left alone
   * @param window how far back to look, at least a second
   * @param buckets how many buckets to split it in, at least 1
   * @return the activity of the window
   */
  public static RecentActivity read(Connection c, Duration window, int buckets)
      throws SQLException {
    double windowSeconds = window.toNanos() / 1e9;
    double bucketSeconds = windowSeconds / buckets;
    long[][] counts = new long[buckets][4];
    Map<String, Instant> lastEnded = new TreeMap<>();
    Instant since = null;
    Instant until = null;
    long tailRows = 0;
    Instant tailOldest = null;
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.RECENT_STEP_RUNS)) {
      s.setObject("window_seconds", windowSeconds)
          .setObject("bucket_seconds", bucketSeconds)
          .setInt("max_runs", RecentActivity.MAX_RUNS);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          since = instant(rs.getTimestamp("since"));
          until = instant(rs.getTimestamp("until"));
          switch (rs.getString("kind")) {
            case "bucket" -> {
              // a run that ended in the instant of the read falls in the last bucket
              int index = (int) Math.min(buckets - 1, Math.max(0, rs.getLong("bucket")));
              counts[index][column(rs.getString("key"))] += rs.getLong("runs");
            }
            case "worker" -> lastEnded.put(rs.getString("key"), instant(rs.getTimestamp("at")));
            default -> {
              tailRows = rs.getLong("runs");
              tailOldest = instant(rs.getTimestamp("at"));
            }
          }
        }
      }
    }
    Map<String, Long> holding = new TreeMap<>();
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.HELD_BY_WORKER);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        holding.put(rs.getString(1), rs.getLong(2));
      }
    }
    Duration bucket = Duration.ofNanos(Math.round(bucketSeconds * 1e9));
    List<Bucket> list = new ArrayList<>(buckets);
    for (int i = 0; i < buckets; i++) {
      long[] n = counts[i];
      list.add(new Bucket(since.plus(bucket.multipliedBy(i)), n[0], n[1], n[2], n[3]));
    }
    Map<String, WorkerSeen> workers = new TreeMap<>();
    lastEnded.forEach(
        (id, at) ->
            workers.put(id, new WorkerSeen(id, holding.getOrDefault(id, 0L), Optional.of(at))));
    holding.forEach((id, n) -> workers.putIfAbsent(id, new WorkerSeen(id, n, Optional.empty())));
    // the window was read whole when the tail ran out before the window did, or reached past it
    boolean complete =
        tailRows < RecentActivity.MAX_RUNS || (tailOldest != null && tailOldest.isBefore(since));
    return new RecentActivity(since, until, bucket, list, List.copyOf(workers.values()), complete);
  }

  private static int column(String outcome) {
    return switch (outcome) {
      case "SUCCEEDED" -> 0;
      case "FAILED" -> 1;
      case "RETRIED" -> 2;
      default -> 3;
    };
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
