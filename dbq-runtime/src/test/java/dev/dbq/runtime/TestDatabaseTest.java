package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestDatabaseTest {
  @Test
  void eachDatabaseIsFreshAndReachable() throws Exception {
    try (TestDatabase db = TestDatabase.create();
        Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
      rs.next();
      assertEquals(0, rs.getInt(1));
    }
  }

  @Test
  void replacesTheDatabaseInAUrl() {
    assertEquals(
        "jdbc:postgresql://127.0.0.1:5432/x?user=postgres",
        TestDatabase.withDatabase("jdbc:postgresql://127.0.0.1:5432/test?user=postgres", "x"));
    assertEquals(
        "jdbc:postgresql://h/x", TestDatabase.withDatabase("jdbc:postgresql://h/test", "x"));
  }
}
