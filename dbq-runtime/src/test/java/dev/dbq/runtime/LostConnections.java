package dev.dbq.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A data source that hands out connections whose server process has just been terminated, as a
 * restart or a failover leaves the connections of a pool: the next statement on one is the first to
 * notice. Real connections to a test database; the termination is the server's own ({@code
 * pg_terminate_backend}), and each is handed out only once its process is gone.
 */
final class LostConnections extends PGSimpleDataSource {
  private static final long serialVersionUID = 1L;
  private static final Duration EXIT_BOUND = Duration.ofSeconds(10);

  private final transient Sql sql;

  LostConnections(TestDatabase database) {
    sql = new Sql(database);
    setUrl(database.url());
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = super.getConnection();
    long pid;
    try (var s = c.createStatement();
        var rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      pid = rs.getLong(1);
    }
    sql.execute("SELECT pg_terminate_backend(" + pid + ")");
    try {
      Await.until(
          "backend " + pid + " to exit",
          () -> sql.count("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid) == 0,
          EXIT_BOUND);
    } catch (Exception e) {
      throw new SQLException("backend " + pid + " did not exit", e);
    }
    return c;
  }
}
