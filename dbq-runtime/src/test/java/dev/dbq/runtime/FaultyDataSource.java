package dev.dbq.runtime;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A real pool in front of which a test can cut the worker off, as a network partition would: while
 * {@link #down} is set every new borrow fails with SQLSTATE 08001; and the next {@link
 * #fatalBorrows} borrows throw {@code OutOfMemoryError}, as when another thread ate the heap. It
 * injects a fault at the connection boundary; the database behind it is real.
 */
final class FaultyDataSource implements DataSource {
  private final DataSource real;
  volatile boolean down;

  /** Borrows refused while down. */
  final java.util.concurrent.atomic.AtomicInteger refused =
      new java.util.concurrent.atomic.AtomicInteger();

  /** How many of the next borrows throw {@code OutOfMemoryError}, whichever thread makes them. */
  final java.util.concurrent.atomic.AtomicInteger fatalBorrows =
      new java.util.concurrent.atomic.AtomicInteger();

  FaultyDataSource(DataSource real) {
    this.real = real;
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (fatalBorrows.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new OutOfMemoryError("injected: the heap is exhausted");
    }
    if (down) {
      refused.incrementAndGet();
      throw new SQLTransientConnectionException(
          "injected outage: the database is unreachable", "08001");
    }
    return real.getConnection();
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool's credentials are used");
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return real.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    real.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    real.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return real.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    // not for the pool: the worker must borrow its LISTEN connection here too, so it is cut off
    return false;
  }
}
