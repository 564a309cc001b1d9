package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The ways to get a {@link Dbq}, the process default, and keeping passwords out of messages. */
class ConnectTest {
  private static TestDatabase database;

  @BeforeAll
  static void start() {
    database = TestDatabase.create();
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @Test
  void connectOpensANamedPoolOfItsOwnAndCloseClosesIt() {
    Dbq dbq = Dbq.connect(database.url());
    HikariDataSource pool = (HikariDataSource) dbq.dataSource();
    assertTrue(pool.getPoolName().startsWith("dbq-"), pool.getPoolName());
    assertEquals(Dbq.DEFAULT_POOL_SIZE, pool.getMaximumPoolSize());
    dbq.migrate();
    dbq.close();
    assertTrue(pool.isClosed());
    dbq.close();
  }

  @Test
  void createLeavesTheCallersDataSourceOpen() throws Exception {
    try (HikariDataSource mine = new HikariDataSource()) {
      mine.setJdbcUrl(database.url());
      Dbq dbq = Dbq.create(mine);
      dbq.migrate();
      dbq.close();
      assertFalse(mine.isClosed());
      try (Connection c = mine.getConnection()) {
        assertTrue(c.isValid(1));
      }
    }
  }

  @Test
  void createWorksWithAPlainDataSource() {
    PGSimpleDataSource plain = new PGSimpleDataSource();
    plain.setURL(database.url());
    Dbq dbq = Dbq.create(plain);
    dbq.migrate();
    assertNotNull(dbq.queueDepths());
  }

  @Test
  void fromEnvironmentWithoutTheUrlSaysToSetIt() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Dbq.fromEnvironment(Map.of()));
    assertTrue(e.getMessage().startsWith("DBQ_JDBC_URL is not set: set it to"), e.getMessage());
    assertThrows(
        IllegalStateException.class, () -> Dbq.fromEnvironment(Map.of("DBQ_JDBC_URL", " ")));
  }

  @Test
  void fromEnvironmentConnectsToTheUrl() {
    try (Dbq dbq = Dbq.fromEnvironment(Map.of("DBQ_JDBC_URL", database.url()))) {
      dbq.migrate();
      assertEquals(Map.of(), dbq.queueDepths());
    }
  }

  @Test
  void fromEnvironmentPassesUserAndPasswordApart() {
    String url = TestDatabase.withDatabase("jdbc:postgresql://127.0.0.1:1/x", "nowhere");
    DbqException e =
        assertThrows(
            DbqException.class,
            () ->
                Dbq.fromEnvironment(
                    Map.of(
                        "DBQ_JDBC_URL", url + "?connectTimeout=1",
                        "DBQ_USER", "someone",
                        "DBQ_PASSWORD", "pa55word")));
    assertTrue(e.getMessage().startsWith("cannot connect to jdbc:postgresql://127.0.0.1:1/"));
    assertFalse(e.getMessage().contains("pa55word"), e.getMessage());
  }

  @Test
  void aFailedConnectionNeverShowsThePassword() {
    DbqException e =
        assertThrows(
            DbqException.class,
            () ->
                Dbq.connect(
                    "jdbc:postgresql://127.0.0.1:1/nowhere?user=u&password=s3cret&connectTimeout=1"));
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    assertTrue(e.getMessage().contains("password=****"), e.getMessage());
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains("s3cret"), t.getMessage());
    }
  }

  @Test
  void aWrongPasswordIsRefusedWithoutShowingIt() {
    String url = database.url() + (database.url().contains("?") ? "&" : "?") + "password=s3cret";
    // the test server may trust every login; either way the password must not be shown
    try (Dbq dbq = Dbq.connect(url)) {
      assertNotNull(dbq.queueDepths(false));
    } catch (DbqException e) {
      assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }
  }

  @Test
  void aUrlOfAnotherDatabaseIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Dbq.connect("jdbc:mysql://h/db?user=u&password=s3cret"));
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
  }

  @Test
  void theDefaultIsWhatWasSetAndClosingItClearsIt() {
    Dbq.setDefault(null);
    IllegalStateException e = assertThrows(IllegalStateException.class, Dbq::getDefault);
    assertTrue(e.getMessage().contains("Dbq.setDefault"), e.getMessage());

    Dbq dbq = Dbq.connect(database.url());
    Dbq.setDefault(dbq);
    assertSame(dbq, Dbq.getDefault());
    dbq.close();
    assertThrows(IllegalStateException.class, Dbq::getDefault);
  }
}
