package dev.dbq.runtime.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * A data source whose connections never use a server-side prepared statement, for a database
 * reached through a transaction-pooling proxy (PgBouncer's {@code pool_mode = transaction}).
 *
 * <p>Why: pgjdbc names a statement ({@code S_1}, {@code S_2}, ...) once it ran five times on a
 * connection, and keeps it on the server connection; through a transaction pooler the next
 * transaction may land on another server connection (where it does not exist) or a client may reach
 * a server connection where another client's {@code S_1} already exists ({@code prepared statement
 * "S_1" already exists}). With a prepare threshold of 0 pgjdbc sends every statement unnamed, which
 * a transaction pooler passes through safely. It is set on each connection as it is borrowed
 * ({@link PGConnection#setPrepareThreshold}), so it holds for whatever pool the caller configured,
 * whatever its URL says.
 */
public final class TransactionPooling implements DataSource {
  private final DataSource delegate;

  private TransactionPooling(DataSource delegate) {
    this.delegate = delegate;
  }

  /**
   * @param dataSource the caller's data source
   * @return it, wrapped so that its connections use no server-side prepared statement; the same
   *     when it is wrapped already
   */
  public static DataSource wrap(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return dataSource instanceof TransactionPooling
        ? dataSource
        : new TransactionPooling(dataSource);
  }

  /**
   * @param dataSource a data source
   * @return whether it is one {@link #wrap} made
   */
  public static boolean isWrapped(DataSource dataSource) {
    return dataSource instanceof TransactionPooling;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return unprepared(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return unprepared(delegate.getConnection(username, password));
  }

  private static Connection unprepared(Connection c) throws SQLException {
    try {
      if (c.isWrapperFor(PGConnection.class)) {
        // statements created on it from now on are sent unnamed
        c.unwrap(PGConnection.class).setPrepareThreshold(0);
      }
      return c;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || delegate.isWrapperFor(type);
  }
}
