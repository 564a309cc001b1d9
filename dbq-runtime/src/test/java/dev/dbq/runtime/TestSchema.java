package dev.dbq.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the dbq schema from the V1 migration resource (until {@code Dbq.migrate()} lands). */
final class TestSchema {
  private TestSchema() {}

  static void apply(Connection c) throws SQLException, IOException {
    try (InputStream in =
            TestSchema.class.getResourceAsStream("migrations/V1__create_dbq_job.sql");
        Statement s = c.createStatement()) {
      s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
