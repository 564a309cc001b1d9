package dev.dbq.runtime.internal.worker;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbq.runtime.internal.RuntimeLoggers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.ds.common.BaseDataSource;
import org.slf4j.Logger;

/**
 * Opens the connection the wake-up listener keeps for {@code LISTEN}. It should not come from the
 * pool: it is held for the worker's whole life. Given only a {@link DataSource}:
 *
 * <ul>
 *   <li>a HikariCP pool with a {@code jdbcUrl}: a new physical connection with the pool's URL,
 *       user, password and data source properties;
 *   <li>a HikariCP pool over a pgjdbc data source: that data source, which does not pool;
 *   <li>a pgjdbc data source ({@code PGSimpleDataSource}): it does not pool, so its connections are
 *       physical already;
 *   <li>anything else: one connection borrowed from it and held (logged once), since there is no
 *       portable way to learn its credentials.
 * </ul>
 */
@FunctionalInterface
public interface ListenerConnections {
  Logger LOG = RuntimeLoggers.of(ListenerConnections.class);

  /** Opens a connection; the caller closes it. */
  Connection open() throws SQLException;

  static ListenerConnections forDataSource(DataSource dataSource) {
    try {
      if (dataSource.isWrapperFor(HikariDataSource.class)) {
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        if (hikari.getDataSource() instanceof BaseDataSource pgjdbc) {
          return pgjdbc::getConnection;
        }
        String url = hikari.getJdbcUrl();
        if (url != null) {
          return () -> {
            Properties props = new Properties();
            props.putAll(hikari.getDataSourceProperties());
            if (hikari.getUsername() != null) {
              props.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
              props.setProperty("password", hikari.getPassword());
            }
            props.setProperty("ApplicationName", "dbq worker listener");
            return DriverManager.getConnection(url, props);
          };
        }
      }
      if (dataSource.isWrapperFor(BaseDataSource.class)) {
        return dataSource::getConnection;
      }
    } catch (SQLException e) {
      LOG.debug("cannot inspect the data source; borrowing a connection for LISTEN", e);
    }
    return () -> {
      LOG.info(
          "holding one connection of {} for LISTEN; pass a HikariDataSource with a jdbcUrl or a"
              + " PGSimpleDataSource to keep it out of the pool",
          dataSource.getClass().getName());
      return dataSource.getConnection();
    };
  }
}
