package dev.dbq.spring.autoconfigure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fresh databases on the server {@code DBQ_TEST_JDBC_URL} names (an embedded PostgreSQL without
 * it), one per {@link #create()}, all dropped after the test class: the tests never touch the
 * shared {@code test} database, which other suites use at the same time.
 */
final class TestDatabases implements AfterAllCallback {
  private static EmbeddedPostgres embedded;

  private final List<String> created = new ArrayList<>();

  /** A new, empty database. */
  String create() {
    String name = "dbq_spring_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute(adminUrl(), "CREATE DATABASE " + name);
    created.add(name);
    return withDatabase(adminUrl(), name);
  }

  /** Runs one statement. */
  static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The one number a query returns. */
  static long count(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Whether the database has a table of that name. */
  static boolean hasTable(String url, String table) {
    return count(url, "SELECT count(*) FROM pg_tables WHERE tablename = '" + table + "'") == 1;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    for (String name : created) {
      execute(adminUrl(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
    created.clear();
  }

  private static synchronized String adminUrl() {
    String fromEnv = System.getenv("DBQ_TEST_JDBC_URL");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    if (embedded == null) {
      try {
        embedded = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
    }
    return embedded.getJdbcUrl("postgres", "postgres");
  }

  /** Replaces the database name in a {@code jdbc:postgresql://host:port/db?params} URL. */
  private static String withDatabase(String jdbcUrl, String database) {
    int hostStart = jdbcUrl.indexOf("//") + 2;
    int slash = jdbcUrl.indexOf('/', hostStart);
    int query = jdbcUrl.indexOf('?');
    String params = query < 0 ? "" : jdbcUrl.substring(query);
    String prefix =
        slash < 0
            ? (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query))
            : jdbcUrl.substring(0, slash);
    return prefix + "/" + database + params;
  }
}
