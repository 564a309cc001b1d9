package dev.dbq.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/**
 * The worker's statements against {@code dbq_job}, kept as SQL in {@code worker/*.sql}. Every
 * statement borrows a connection, runs in autocommit and gives the connection back: no connection
 * is held while a step runs. Every state-changing statement names the states it expects and, past
 * the claim, the claim it belongs to.
 */
final class WorkerStore {
  static final String CLAIM = load("claim.sql");
  private static final String SAVE_STEP = load("save-step.sql");
  private static final String RETRY_STEP = load("retry-step.sql");
  private static final String FAIL_JOB = load("fail-job.sql");
  private static final String RENEW_LEASES = load("renew-leases.sql");
  private static final String RESCUE_EXPIRED = load("rescue-expired.sql");
  private static final String MARK_STOPPING = load("mark-stopping.sql");
  private static final String HAND_BACK = load("hand-back.sql");

  /** A job whose lease lapsed and that went back to READY. */
  record Rescued(UUID id, String name, String queue, int step, int attempt) {}

  private final DataSource dataSource;
  private final String workerId;
  private final long leaseMillis;

  WorkerStore(DataSource dataSource, String workerId, Duration lease) {
    this.dataSource = dataSource;
    this.workerId = workerId;
    this.leaseMillis = lease.toMillis();
  }

  /**
   * Claims up to {@code limit} runnable jobs of the given queues and names.
   *
   * @return the claims, highest priority first, then oldest
   */
  List<Claim> claim(List<String> queues, Collection<String> names, int limit) throws SQLException {
    List<Claim> claims = new ArrayList<>(limit);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(CLAIM)) {
      c.setAutoCommit(true);
      // Never a server-side prepared statement: an unnamed statement is planned with the actual
      // arguments every time, so PostgreSQL cannot switch to a generic plan after five executions.
      if (ps.isWrapperFor(PGStatement.class)) {
        ps.unwrap(PGStatement.class).setPrepareThreshold(0);
      }
      ps.setArray(1, c.createArrayOf("text", queues.toArray()));
      ps.setArray(2, c.createArrayOf("text", names.toArray()));
      ps.setInt(3, limit);
      ps.setInt(4, limit);
      ps.setString(5, workerId);
      ps.setLong(6, leaseMillis);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          claims.add(
              new Claim(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getInt(4),
                  rs.getLong(5),
                  rs.getInt(6),
                  rs.getString(7),
                  rs.getInt(8),
                  rs.getObject(9, UUID.class)));
        }
      }
    }
    // UPDATE ... RETURNING does not keep the candidates' order
    claims.sort(Comparator.comparingInt(Claim::priority).reversed().thenComparingLong(Claim::seq));
    return claims;
  }

  /**
   * Writes a step's outcome, fenced by the claim.
   *
   * @return false when the claim was lost and nothing was written
   */
  boolean save(Claim claim, StepOutcome outcome) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      if (outcome instanceof StepOutcome.Succeeded s) {
        try (PreparedStatement ps = c.prepareStatement(SAVE_STEP)) {
          ps.setString(1, s.workspaceJson());
          ps.setInt(2, s.nextStep());
          ps.setString(3, s.state().name());
          ps.setObject(4, claim.id());
          ps.setObject(5, claim.claimId());
          return ps.executeUpdate() == 1;
        }
      } else if (outcome instanceof StepOutcome.Retry r) {
        try (PreparedStatement ps = c.prepareStatement(RETRY_STEP)) {
          ps.setLong(1, r.backoff().toMillis());
          ps.setString(2, r.error());
          ps.setObject(3, claim.id());
          ps.setObject(4, claim.claimId());
          return ps.executeUpdate() == 1;
        }
      } else {
        StepOutcome.Failed f = (StepOutcome.Failed) outcome;
        try (PreparedStatement ps = c.prepareStatement(FAIL_JOB)) {
          ps.setString(1, f.error());
          ps.setObject(2, claim.id());
          ps.setObject(3, claim.claimId());
          return ps.executeUpdate() == 1;
        }
      }
    }
  }

  /**
   * Extends the leases of the given claims.
   *
   * @return the claims renewed; the others were lost
   */
  List<UUID> renewLeases(Collection<UUID> claimIds) throws SQLException {
    List<UUID> renewed = new ArrayList<>(claimIds.size());
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(RENEW_LEASES)) {
      c.setAutoCommit(true);
      ps.setLong(1, leaseMillis);
      ps.setArray(2, uuids(c, claimIds));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          renewed.add(rs.getObject(1, UUID.class));
        }
      }
    }
    return renewed;
  }

  /** Returns every job whose lease lapsed, whoever held it, to READY. */
  List<Rescued> rescueExpired() throws SQLException {
    List<Rescued> rescued = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(RESCUE_EXPIRED)) {
      c.setAutoCommit(true);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rescued.add(
              new Rescued(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getInt(4),
                  rs.getInt(5)));
        }
      }
    }
    return rescued;
  }

  /** Marks the given claims' jobs STOPPING. */
  int markStopping(Collection<UUID> claimIds) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(MARK_STOPPING)) {
      c.setAutoCommit(true);
      ps.setArray(1, uuids(c, claimIds));
      return ps.executeUpdate();
    }
  }

  /**
   * Gives the given claims' jobs back as READY and clears their claims.
   *
   * @return the ids of the jobs handed back
   */
  List<UUID> handBack(Collection<UUID> claimIds, String reason) throws SQLException {
    List<UUID> ids = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(HAND_BACK)) {
      c.setAutoCommit(true);
      ps.setString(1, reason);
      ps.setArray(2, uuids(c, claimIds));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getObject(1, UUID.class));
        }
      }
    }
    return ids;
  }

  private static Array uuids(Connection c, Collection<UUID> ids) throws SQLException {
    return c.createArrayOf("uuid", ids.toArray());
  }

  private static String load(String file) {
    try (InputStream in = WorkerStore.class.getResourceAsStream("worker/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/dbq/runtime/worker/" + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
