package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.internal.store.Migrator;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Migration V7 rebuilds V3's three listing indexes partial on the finished states, and leaves out
 * one an operator dropped (the README's advice for the workspace index: migrations do not re-create
 * it).
 */
class FinishedListingIndexesMigrationTest {
  private static final String FINISHED =
      "WHERE (state = ANY (ARRAY['COMPLETE'::text, 'FAILED'::text, 'CANCELLED'::text]))";
  private static final String DEFINITIONS =
      "SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE indexname IN"
          + " ('dbq_job_listing_idx', 'dbq_job_state_queue_idx', 'dbq_job_workspace_idx')"
          + " ORDER BY indexname";

  @Test
  void aMigratedDatabaseHasTheThreeIndexesPartialOnTheFinishedStates() {
    try (TestDatabase database = TestDatabase.create();
        Dbq dbq = Dbq.connect(database.url())) {
      dbq.migrate();
      List<String> definitions = new Sql(database).column(DEFINITIONS);
      assertEquals(3, definitions.size(), definitions.toString());
      for (String definition : definitions) {
        assertTrue(definition.endsWith(FINISHED), definition);
      }
    }
  }

  @Test
  void anIndexTheOperatorDroppedBeforeV7StaysDropped() throws SQLException {
    try (TestDatabase database = TestDatabase.create();
        Connection c = database.connect();
        Statement s = c.createStatement()) {
      for (Migrator.Migration m : Migrator.migrations()) {
        if (m.version() == 7) {
          s.execute("DROP INDEX dbq_job_workspace_idx");
        }
        s.execute(m.sql());
      }
      List<String> definitions = new Sql(database).column(DEFINITIONS);
      assertEquals(
          List.of("dbq_job_listing_idx", "dbq_job_state_queue_idx"),
          definitions.stream().map(d -> d.substring(0, d.indexOf(' '))).toList());
      definitions.forEach(d -> assertTrue(d.endsWith(FINISHED), d));
    }
  }
}
