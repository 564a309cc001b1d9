package dev.dbq.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Reads stored jobs with plain SQL, for assertions, and changes rows to set a test up ({@link
 * #execute}). Jobs are enqueued with {@link TestJobBuilder}.
 */
final class StoredJobs {
  private StoredJobs() {}

  /** A stored job as the worker tests look at it. */
  record Row(
      UUID id,
      String name,
      String queue,
      JobState state,
      int nextStep,
      String workspace,
      int attempt,
      String lastError,
      boolean runAfterInFuture,
      String lockOwner,
      UUID claimId) {}

  /**
   * Writes a row behind the API's back, with a workspace the API refuses (not a JSON object, or
   * over its size limit): how a worker meets data that another writer stored. Every other test job
   * is enqueued with {@link TestJobBuilder}.
   *
   * @param workspaceJson any JSON PostgreSQL accepts as {@code jsonb}
   */
  static UUID insertRefusedRow(Connection c, String name, int priority, String workspaceJson)
      throws SQLException {
    UUID id = UUID.randomUUID();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO dbq_job (id, name, queue_name, priority, workspace)"
                + " VALUES (?, ?, ?, ?, ?::jsonb)")) {
      ps.setObject(1, id);
      ps.setString(2, name);
      ps.setString(3, DbqWorker.DEFAULT_QUEUE);
      ps.setInt(4, priority);
      ps.setString(5, workspaceJson);
      ps.executeUpdate();
    }
    return id;
  }

  static Row row(Connection c, UUID id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, name, queue_name, state, next_step, workspace::text, attempt, last_error,"
                + " coalesce(run_after > now(), false), lock_owner, claim_id FROM dbq_job WHERE id"
                + " = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new AssertionError("no job " + id);
        }
        return new Row(
            rs.getObject(1, UUID.class),
            rs.getString(2),
            rs.getString(3),
            JobState.valueOf(rs.getString(4)),
            rs.getInt(5),
            rs.getString(6),
            rs.getInt(7),
            rs.getString(8),
            rs.getBoolean(9),
            rs.getString(10),
            rs.getObject(11, UUID.class));
      }
    }
  }

  /** The ids of every stored job. */
  static java.util.List<UUID> ids(Connection c) throws SQLException {
    java.util.List<UUID> ids = new java.util.ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM dbq_job ORDER BY seq")) {
      while (rs.next()) {
        ids.add(rs.getObject(1, UUID.class));
      }
    }
    return ids;
  }

  static JobState state(Connection c, UUID id) throws SQLException {
    return row(c, id).state();
  }

  static long count(Connection c, String whereClause) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM dbq_job WHERE " + whereClause)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
