package dev.dbq.testsupport;

import dev.dbq.runtime.Dbq;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh migrated database per test class, on the server named by {@code DBQ_TEST_JDBC_URL} or an
 * embedded PostgreSQL, with the jobs and queues emptied before each test: register it as
 * {@code @RegisterExtension static final FreshDatabase db = new FreshDatabase();}. {@link #dbq()}
 * is connected to it with a pool of its own, and {@link #url()} is its JDBC URL for worker
 * processes. The database is dropped after the class.
 */
public class FreshDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private static EmbeddedPostgres embedded;

  private String adminUrl;
  private String name;
  private String url;
  private Dbq dbq;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    adminUrl = adminUrl();
    name = "dbq_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute(adminUrl, "CREATE DATABASE " + name);
    url = withDatabase(adminUrl, name);
    dbq = Dbq.connect(url);
    dbq.migrate();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    execute(url, "TRUNCATE dbq_job, dbq_queue CASCADE");
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (dbq != null) {
      dbq.close();
    }
    if (name != null) {
      execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  /**
   * @return the test class's database's JDBC URL
   */
  public String url() {
    return url;
  }

  /**
   * @return a {@code Dbq} on the test class's database, with a pool of its own
   */
  public Dbq dbq() {
    return dbq;
  }

  /**
   * Runs one statement on its own connection.
   *
   * @param jdbcUrl the database
   * @param sql the statement
   * @throws SQLException when the database refuses it
   */
  public static void execute(String jdbcUrl, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
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
