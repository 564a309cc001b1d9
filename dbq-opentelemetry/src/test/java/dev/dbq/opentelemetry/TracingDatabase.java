package dev.dbq.opentelemetry;

import dev.dbq.testsupport.FreshDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

/** The tests' {@link FreshDatabase}, with what they read of the stored trace contexts. */
final class TracingDatabase extends FreshDatabase {
  /** The job's {@code trace_context} field, or null when the column (or the field) is NULL. */
  String storedField(UUID job, String field) throws Exception {
    try (Connection c = DriverManager.getConnection(url());
        PreparedStatement s =
            c.prepareStatement("SELECT trace_context ->> ? FROM dbq_job WHERE id = ?")) {
      s.setString(1, field);
      s.setObject(2, job);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new AssertionError("no job " + job);
        }
        return rs.getString(1);
      }
    }
  }

  /** How many jobs have a stored trace context. */
  long traced() throws Exception {
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT count(*) FROM dbq_job WHERE trace_context IS NOT NULL")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
