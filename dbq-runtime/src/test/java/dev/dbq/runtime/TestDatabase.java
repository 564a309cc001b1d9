package dev.dbq.runtime;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, empty database per test class, on the server named by {@code DBQ_TEST_JDBC_URL} or, when
 * that is unset, on an embedded PostgreSQL started once per JVM. A database of its own keeps test
 * classes (and parallel builds) from seeing each other's jobs.
 */
public final class TestDatabase implements AutoCloseable {
  private static final String ENV = "DBQ_TEST_JDBC_URL";
  private static EmbeddedPostgres embedded;

  private final String adminUrl;
  private final String name;
  private final String url;

  private TestDatabase(String adminUrl, String name, String url) {
    this.adminUrl = adminUrl;
    this.name = name;
    this.url = url;
  }

  /**
   * Creates an empty database.
   *
   * @return the database; close it to drop it
   */
  public static TestDatabase create() {
    String admin = adminUrl();
    String name = "dbq_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(admin);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database on " + admin, e);
    }
    return new TestDatabase(admin, name, withDatabase(admin, name));
  }

  /**
   * @return a JDBC URL (with credentials as parameters) for this database
   */
  public String url() {
    return url;
  }

  /**
   * @return a new connection to this database
   */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Override
  public void close() {
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test database " + name, e);
    }
  }

  private static synchronized String adminUrl() {
    String fromEnv = System.getenv(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    if (embedded == null) {
      try {
        embedded = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::stopEmbedded));
    }
    return embedded.getJdbcUrl("postgres", "postgres");
  }

  private static void stopEmbedded() {
    try {
      embedded.close();
    } catch (IOException e) {
      // the JVM is exiting; the temporary data directory is removed by the OS eventually
    }
  }

  /** Replaces the database name in a {@code jdbc:postgresql://host:port/db?params} URL. */
  static String withDatabase(String jdbcUrl, String database) {
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
