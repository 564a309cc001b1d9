package dev.dbq.runtime.internal.store;

import dev.dbq.runtime.QueueStats;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs {@link SqlStatement#QUEUE_STATS}: one row per queue with unfinished jobs. */
public final class QueueStatsReader {
  private QueueStatsReader() {}

  /**
   * @param c the caller's connection, its transaction left alone
   * @return one entry per queue holding unfinished jobs, by queue name
   */
  public static List<QueueStats> read(Connection c) throws SQLException {
    List<QueueStats> stats = new ArrayList<>();
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.QUEUE_STATS);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        stats.add(
            new QueueStats(
                rs.getString(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                Duration.ofNanos(Math.round(rs.getDouble(5) * 1e9))));
      }
    }
    return stats;
  }
}
