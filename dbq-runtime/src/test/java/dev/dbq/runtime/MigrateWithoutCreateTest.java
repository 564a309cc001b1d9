package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code migrate} as a user without the CREATE right (a worker's user, typically) succeeds when the
 * schema is up to date, and says what to do when it is not.
 */
class MigrateWithoutCreateTest {
  private static final JobCatalog CATALOG =
      JobCatalog.of(JobDefinition.builder("noop").step("run", c -> null).build());

  private static CliRun migrateAs(TestDatabase database, String role) {
    return CliRun.of(
        Map.of("DBQ_JDBC_URL", database.url().replace("user=postgres", "user=" + role)),
        CATALOG,
        "migrate");
  }

  @Test
  void anUpToDateSchemaMigratesAsAUserWhoMayNotCreateTables() throws Exception {
    String role = "dbq_no_create_" + UUID.randomUUID().toString().substring(0, 8);
    try (TestDatabase database = TestDatabase.create()) {
      Sql sql = new Sql(database);
      sql.execute("CREATE ROLE " + role + " LOGIN");
      try {
        sql.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        sql.execute("GRANT USAGE ON SCHEMA public TO " + role);

        CliRun before = migrateAs(database, role);
        assertEquals(1, before.status(), before.err());
        assertTrue(
            before.err().contains("run dbq migrate as a user that may create"), before.err());

        try (Dbq owner = Dbq.connect(database.url())) {
          owner.migrate();
        }
        sql.execute("GRANT SELECT ON dbq_schema_version TO " + role);

        CliRun upToDate = migrateAs(database, role);
        assertEquals(0, upToDate.status(), upToDate.err());
        assertEquals("event=migrated\n", upToDate.out());
      } finally {
        sql.execute("DROP OWNED BY " + role);
        sql.execute("DROP ROLE " + role);
      }
    }
  }
}
