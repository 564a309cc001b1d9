package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.internal.PermanentFault;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which database errors waiting cannot mend, found by SQLSTATE anywhere in the cause chain. */
class PermanentFaultTest {

  @Test
  void aMissingTableFromRealPostgresqlSaysToMigrate() throws Exception {
    try (TestDatabase bare = TestDatabase.create();
        Connection c = bare.connect();
        Statement s = c.createStatement()) {
      SQLException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              SQLException.class, () -> s.executeQuery("SELECT 1 FROM dbq_job"));
      DbqException wrapped = new DbqException("cannot read queue depths", e);

      PermanentFault fault = PermanentFault.in(wrapped).orElseThrow();

      assertEquals("42P01", fault.sqlState());
      assertEquals(
          "the dbq tables do not exist in this database: run `dbq migrate` (42P01: ERROR: relation"
              + " \"dbq_job\" does not exist)",
          fault.line());
    }
  }

  @Test
  void anUnknownDatabaseFromRealPostgresqlSaysToCheckTheUrl() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      String missing = TestDatabase.withDatabase(db.url(), "dbq_no_such_database");
      SQLException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              SQLException.class, () -> DriverManager.getConnection(missing).close());

      PermanentFault fault = PermanentFault.in(e).orElseThrow();

      assertEquals("3D000", fault.sqlState());
      assertTrue(fault.line().startsWith("the database does not exist: check"), fault.line());
    }
  }

  @Test
  void aRefusedConnectionIsTransient() {
    SQLException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            SQLException.class,
            () ->
                DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:1/none?user=postgres&connectTimeout=1")
                    .close());

    assertTrue(PermanentFault.in(e).isEmpty(), e.getSQLState());
  }

  /** Connection loss, a restart, a killed backend, a deadlock, a timeout: waiting mends them. */
  @ParameterizedTest
  @ValueSource(strings = {"08001", "08006", "57P01", "57P03", "40P01", "57014", "53300"})
  void faultsThatPassAreTransient(String sqlState) {
    assertTrue(
        PermanentFault.in(new RuntimeException(new SQLException("fault", sqlState))).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"42P01", "42703", "3D000", "3F000", "28P01", "28000", "42501"})
  void faultsThatStayAreFoundDeepInTheChainAndInNextExceptions(String sqlState) {
    SQLException batch = new SQLException("batch failed", "22000");
    batch.setNextException(new SQLException("the cause", sqlState));

    assertEquals(
        sqlState,
        PermanentFault.in(new DbqException("outer", new RuntimeException(batch)))
            .orElseThrow()
            .sqlState());
  }
}
