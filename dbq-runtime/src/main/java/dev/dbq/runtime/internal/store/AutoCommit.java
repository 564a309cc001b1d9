package dev.dbq.runtime.internal.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Puts a borrowed connection's auto-commit back after work that changed it, without hiding the
 * work's own failure.
 *
 * <p>Why: when the work failed because the connection was lost (the server restarted, or failed
 * over to a standby), putting auto-commit back fails too (pgjdbc's "This connection has been
 * closed.", HikariCP's "Connection is closed"), and a restore in a plain {@code finally} threw that
 * instead: an enqueue during a failover reported a closed connection rather than the lost server.
 * After a failure the restore's own failure is kept, suppressed in it. Used by the store and by
 * {@code Queues}' changes.
 */
public final class AutoCommit {
  private AutoCommit() {}

  /**
   * @param failure what the work threw, or null when it succeeded (then a failed restore throws)
   */
  public static void restore(Connection c, boolean autoCommit, Throwable failure)
      throws SQLException {
    if (failure == null) {
      c.setAutoCommit(autoCommit);
      return;
    }
    try {
      c.setAutoCommit(autoCommit);
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
