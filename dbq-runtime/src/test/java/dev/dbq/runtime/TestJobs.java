package dev.dbq.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/** Inserts and reads jobs with raw SQL (until {@code Dbq}'s enqueue lands). */
final class TestJobs {
  private TestJobs() {}

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

  static UUID insert(Connection c, String name, String queue, int priority, String workspaceJson)
      throws SQLException {
    return insert(c, name, queue, priority, workspaceJson, null);
  }

  /**
   * @param runAfter offset from the database's now(), or null for none
   */
  static UUID insert(
      Connection c,
      String name,
      String queue,
      int priority,
      String workspaceJson,
      Duration runAfter)
      throws SQLException {
    UUID id = UUID.randomUUID();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO dbq_job (id, name, queue_name, priority, workspace, run_after)"
                + " VALUES (?, ?, ?, ?, ?::jsonb, now() + ? * interval '1 millisecond')")) {
      ps.setObject(1, id);
      ps.setString(2, name);
      ps.setString(3, queue);
      ps.setInt(4, priority);
      ps.setString(5, workspaceJson);
      if (runAfter == null) {
        ps.setNull(6, java.sql.Types.BIGINT);
      } else {
        ps.setLong(6, runAfter.toMillis());
      }
      ps.executeUpdate();
    }
    return id;
  }

  /** Inserts and notifies in one transaction, as enqueuers do. */
  static UUID insertAndNotify(Connection c, String name, String queue, String workspaceJson)
      throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      UUID id = insert(c, name, queue, 0, workspaceJson);
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('dbq_job_enqueued', ?)")) {
        ps.setString(1, queue);
        ps.execute();
      }
      c.commit();
      return id;
    } finally {
      c.setAutoCommit(auto);
    }
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
