package dev.dbq.runtime.internal.store;

import dev.dbq.runtime.DbqException;
import dev.dbq.runtime.internal.RuntimeLoggers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;

/**
 * Applies the versioned SQL scripts in {@code dev/dbq/runtime/migrations/} that the database has
 * not seen, recording each in {@code dbq_schema_version}.
 *
 * <p>Everything runs in one transaction under a transaction-scoped advisory lock (never a session
 * one, which a transaction-pooling proxy would leave on a server connection), so processes that
 * start together queue up behind the first: it applies the scripts, the others then find them
 * recorded and apply nothing. The scripts are plain, Flyway-named ({@code V<n>__<what>.sql}) and
 * idempotent, so teams that run them with Flyway or Liquibase can do so.
 */
public final class Migrator {
  private static final Logger LOG = RuntimeLoggers.of(Migrator.class);
  // absolute: the scripts stay at the documented dev/dbq/runtime/migrations/ (users point Flyway
  // there)
  private static final String DIRECTORY = "/dev/dbq/runtime/migrations/";

  /** The scripts in order; listed here because a class path directory cannot be listed in a jar. */
  static final List<String> SCRIPTS =
      List.of(
          "V1__create_dbq_job.sql",
          "V2__tune_dbq_job_for_churn.sql",
          "V3__job_control.sql",
          "V4__recurring_jobs.sql",
          "V5__trace_context.sql",
          "V6__unique_jobs.sql",
          "V7__finished_listing_indexes.sql");

  /** Key of the advisory lock that serialises migrations: the bytes of "dbq_mig". */
  static final long LOCK_KEY = 0x6462_715f_6d69_67L;

  private static final Pattern SCRIPT_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

  private Migrator() {}

  /** One script: its version, description and resource name. */
  public record Migration(int version, String description, String script) {
    static Migration of(String script) {
      Matcher m = SCRIPT_NAME.matcher(script);
      if (!m.matches()) {
        throw new IllegalStateException("migration script '" + script + "' is misnamed");
      }
      return new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), script);
    }

    public String sql() {
      try (InputStream in = Migrator.class.getResourceAsStream(DIRECTORY + script)) {
        if (in == null) {
          throw new IllegalStateException(
              "migration script " + script + " is not on the class path");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read migration script " + script, e);
      }
    }
  }

  /** The migrations this version of dbq knows, in order. */
  public static List<Migration> migrations() {
    List<Migration> all = new ArrayList<>();
    for (String script : SCRIPTS) {
      all.add(Migration.of(script));
    }
    return all;
  }

  /**
   * Applies what is missing.
   *
   * @param dataSource the dbq database
   * @return the versions applied by this call, empty when the schema was up to date
   * @throws DbqException when the database fails; nothing of this call is then kept
   */
  public static List<Integer> migrate(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      Throwable failed = null;
      try {
        List<Integer> applied = migrate(c);
        c.commit();
        return applied;
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        failed = e;
        throw e;
      } finally {
        AutoCommit.restore(c, autoCommit, failed);
      }
    } catch (SQLException e) {
      String hint =
          "42501".equals(e.getSQLState())
              ? "; run dbq migrate as a user that may create tables in the schema (e.g. the owner"
                  + " of dbq_job)"
              : "";
      throw new DbqException("cannot migrate the dbq schema: " + e.getMessage() + hint, e);
    }
  }

  private static List<Integer> migrate(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      // read committed, on the transaction alone (see begin-migration.sql)
      s.execute(SqlStatement.BEGIN_MIGRATION.sql());
    }
    try (NamedStatement lock = NamedStatement.prepare(c, SqlStatement.LOCK_MIGRATIONS)) {
      lock.setLong("key", LOCK_KEY);
      lock.execute();
    }
    Set<Integer> done = new HashSet<>();
    try (Statement s = c.createStatement()) {
      // CREATE ... IF NOT EXISTS still needs the CREATE right on the schema: a user without it
      // (a worker's) must be able to run an up-to-date migrate, which then changes nothing
      if (!versionTableExists(c)) {
        s.execute(SqlStatement.CREATE_VERSION_TABLE.sql());
      }
      try (ResultSet rs = s.executeQuery(SqlStatement.APPLIED_VERSIONS.sql())) {
        while (rs.next()) {
          done.add(rs.getInt(1));
        }
      }
    }
    List<Integer> applied = new ArrayList<>();
    for (Migration m : migrations()) {
      if (done.contains(m.version())) {
        continue;
      }
      try (Statement s = c.createStatement()) {
        s.execute(m.sql());
      } catch (SQLException e) {
        throw new SQLException(
            "migration " + m.script() + " failed: " + e.getMessage(), e.getSQLState(), e);
      }
      try (NamedStatement record = NamedStatement.prepare(c, SqlStatement.RECORD_VERSION)) {
        record
            .setInt("version", m.version())
            .setString("description", m.description())
            .setString("script", m.script());
        record.executeUpdate();
      }
      LOG.info("applied dbq migration {}", m.script());
      applied.add(m.version());
    }
    return applied;
  }

  /**
   * The migrations this version knows that {@code dbq_schema_version} does not record; all of them
   * when the table does not exist. Reads only.
   *
   * @param c a connection to the dbq database
   * @return the script names, in order
   * @throws SQLException when the database fails
   */
  public static List<String> missing(Connection c) throws SQLException {
    Set<Integer> done = new HashSet<>();
    if (versionTableExists(c)) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(SqlStatement.APPLIED_VERSIONS.sql())) {
        while (rs.next()) {
          done.add(rs.getInt(1));
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (Migration m : migrations()) {
      if (!done.contains(m.version())) {
        missing.add(m.script());
      }
    }
    return missing;
  }

  private static boolean versionTableExists(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(SqlStatement.VERSION_TABLE_EXISTS.sql())) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  private static void rollback(Connection c, Exception failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
