package dev.dbq.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The server side of a drain at one instant: the machine's CPU counters, each backend of the bench
 * database's CPU ticks (but the sampler's, which is the bench's own load) and the WAL position. Two
 * of them, before and after, give what the drain cost PostgreSQL. A backend that ended in between
 * is not counted; the workers' connections live the whole drain.
 */
record ServerCpu(CpuTicks.Machine machine, Map<Long, Long> backendTicks, long walLsn) {
  private static final String BACKENDS =
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database()";

  static ServerCpu take(DataSource ds, long excludedPid) throws Exception {
    Map<Long, Long> ticks = new HashMap<>();
    long lsn;
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(BACKENDS)) {
        while (rs.next()) {
          long pid = rs.getLong(1);
          if (pid != excludedPid) {
            long t = CpuTicks.process(pid);
            if (t >= 0) {
              ticks.put(pid, t);
            }
          }
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
        rs.next();
        lsn = parseLsn(rs.getString(1));
      }
    }
    return new ServerCpu(CpuTicks.machine(), Map.copyOf(ticks), lsn);
  }

  /** {@code X/Y}, two hexadecimal halves of a 64-bit byte position. */
  static long parseLsn(String lsn) throws SQLException {
    int slash = lsn.indexOf('/');
    if (slash < 0) {
      throw new SQLException("not a WAL position: " + lsn);
    }
    return (Long.parseLong(lsn.substring(0, slash), 16) << 32)
        | Long.parseLong(lsn.substring(slash + 1), 16);
  }

  /** CPU the backends spent since {@code before}, in microseconds (a new backend counts whole). */
  long backendMicrosSince(ServerCpu before) {
    long ticks = 0;
    for (Map.Entry<Long, Long> b : backendTicks.entrySet()) {
      ticks += b.getValue() - before.backendTicks.getOrDefault(b.getKey(), 0L);
    }
    return ticks * 1_000_000L / CpuTicks.PER_SECOND;
  }

  /** WAL bytes written since {@code before}, by the whole server. */
  long walSince(ServerCpu before) {
    return walLsn - before.walLsn;
  }
}
