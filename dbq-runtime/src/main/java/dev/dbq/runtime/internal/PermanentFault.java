package dev.dbq.runtime.internal;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * A database error that waiting cannot mend: a missing table, a wrong password, an unknown
 * database, a missing privilege. A worker that meets one stops with one line naming the fix instead
 * of retrying forever; everything else (connection refused, a restart, a killed backend, a timeout)
 * is transient and ridden out.
 *
 * <p>Why by SQLSTATE: PostgreSQL's codes are stable across versions and locales, where messages are
 * translated. Only codes that no restart, failover or retry turns into success are listed.
 *
 * @param sqlState the PostgreSQL error code found in the cause chain
 * @param fix what is wrong and what to do about it
 * @param detail the database's own words, first line, passwords masked
 */
public record PermanentFault(String sqlState, String fix, String detail) {
  private static final Map<String, String> FIXES =
      Map.of(
          "42P01", "the dbq tables do not exist in this database: run `dbq migrate`",
          "42703", "the dbq tables are older than this dbq: run `dbq migrate`",
          "3D000", "the database does not exist: check the database name in DBQ_JDBC_URL",
          "3F000", "the schema does not exist: check currentSchema in DBQ_JDBC_URL",
          "28P01", "password authentication failed: check DBQ_USER and DBQ_PASSWORD",
          "28000", "the database refused this user: check DBQ_USER and pg_hba.conf",
          "42501",
              "permission denied: grant the database user SELECT, INSERT, UPDATE and DELETE on"
                  + " dbq_job");

  /**
   * Finds a permanent fault in the cause chain of {@code failure}.
   *
   * @return the fault, or empty when the failure is transient (or not a database error)
   */
  public static Optional<PermanentFault> in(Throwable failure) {
    // bounded: a cause chain can be cyclic
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
      if (t instanceof SQLException sql) {
        SQLException e = sql;
        for (int next = 0; e != null && next < 20; next++, e = e.getNextException()) {
          String fix = e.getSQLState() == null ? null : FIXES.get(e.getSQLState());
          if (fix != null) {
            return Optional.of(new PermanentFault(e.getSQLState(), fix, firstLine(e)));
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The fix as the command that met the fault should say it: {@code migrate} needs more rights than
   * the other commands and the worker.
   *
   * @param command the command's qualified name, e.g. {@code dbq migrate}
   * @return this fault, or one whose fix fits the command
   */
  public PermanentFault forCommand(String command) {
    if (command.endsWith("migrate") && sqlState.equals("42501")) {
      return new PermanentFault(
          sqlState,
          "permission denied: run dbq migrate as a user that may create tables in the schema (e.g."
              + " the owner of dbq_job)",
          detail);
    }
    return this;
  }

  /** One line: the fix, then the database's own words. */
  public String line() {
    return fix + " (" + sqlState + ": " + detail + ")";
  }

  private static String firstLine(SQLException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    return JdbcUrls.redactIn(m.lines().findFirst().orElse("").trim());
  }
}
