package dev.dbq.runtime.internal;

import java.sql.SQLException;

/**
 * PostgreSQL's way out of a deadlock: it ends one of the transactions in the cycle (SQLSTATE 40P01)
 * and rolls it back whole, so the loser may simply run again. Statements that lock many rows in an
 * order the plan decides (an operator's cancel of many jobs against a worker's batched save, two
 * unique batches taking the same keys) can meet so; those who run them try a few times before
 * reporting the failure.
 */
public final class Deadlocks {
  /** Runs of a statement that PostgreSQL ended as a deadlock's victim, the first included. */
  public static final int MAX_ATTEMPTS = 3;

  private Deadlocks() {}

  /**
   * @param e a failure of a statement
   * @return whether PostgreSQL ended its transaction to break a deadlock
   */
  public static boolean isVictim(SQLException e) {
    return "40P01".equals(e.getSQLState());
  }
}
