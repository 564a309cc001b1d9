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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/**
 * The worker's statements against {@code dbq_job}, kept as SQL in {@code worker/*.sql}. Every
 * statement borrows a connection, runs in autocommit and gives the connection back: no connection
 * is held while a step runs. Finished steps are saved in batches ({@link #saveBatch}). Every
 * state-changing statement names the states it expects and, past the claim, the claim it belongs
 * to.
 */
final class WorkerStore {
  static final String CLAIM = load("claim.sql");
  private static final String SAVE_BATCH = load("save-batch.sql");
  private static final String RENEW_LEASES = load("renew-leases.sql");
  private static final String RESCUE_EXPIRED = load("rescue-expired.sql");
  private static final String MARK_STOPPING = load("mark-stopping.sql");
  private static final String HAND_BACK = load("hand-back.sql");
  private static final String RELEASE_UNSTARTED = load("release-unstarted.sql");

  /** A job whose lease lapsed and that went back to READY. */
  record Rescued(UUID id, String name, String queue, int step, int attempt) {}

  private final DataSource dataSource;
  private final String workerId;
  private final long leaseMillis;

  /**
   * Held around every statement that writes this worker's own claimed rows (save, renew, stop, hand
   * back, rescue): two such multi-row updates locking the same rows in different orders could
   * deadlock.
   */
  private final Object ownRows = new Object();

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
      unprepared(ps);
      ps.setArray(1, c.createArrayOf("text", queues.toArray()));
      ps.setArray(2, c.createArrayOf("text", names.toArray()));
      ps.setInt(3, limit);
      ps.setInt(4, limit);
      ps.setString(5, workerId);
      ps.setLong(6, leaseMillis);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          claims.add(claimAt(rs));
        }
      }
    }
    // UPDATE ... RETURNING does not keep the candidates' order
    claims.sort(Comparator.comparingInt(Claim::priority).reversed().thenComparingLong(Claim::seq));
    return claims;
  }

  private static Claim claimAt(ResultSet rs) throws SQLException {
    return new Claim(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getString(3),
        rs.getInt(4),
        rs.getLong(5),
        rs.getInt(6),
        rs.getString(7),
        rs.getInt(8),
        rs.getObject(9, UUID.class));
  }

  /**
   * Reads rows shaped like the claim's, made up by the database (no table is read), through the
   * same code: the driver's row decoding is then linked before the first real claim (see {@link
   * WorkerWarmUp}).
   */
  void decodeMadeUpClaims(int rows) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT gen_random_uuid(), 'dbq_worker_warm_up', 'dbq warm-up', 0, i::bigint, 0,"
                    + " '{\"warm\":1}'::jsonb::text, 1, gen_random_uuid()"
                    + " FROM generate_series(1, ?) AS i")) {
      c.setAutoCommit(true);
      unprepared(ps);
      ps.setInt(1, rows);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          claimAt(rs);
        }
      }
    }
  }

  /** A finished step waiting to be saved. */
  record Finished(Claim claim, StepOutcome outcome) {}

  /**
   * Writes many steps' outcomes in one statement and one commit, each row fenced by its claim.
   *
   * @return the claim ids whose outcome was written; the others' claims were lost
   */
  Set<UUID> saveBatch(List<Finished> batch) throws SQLException {
    int n = batch.size();
    Object[] ids = new Object[n];
    Object[] claimIds = new Object[n];
    String[] kinds = new String[n];
    String[] workspaces = new String[n];
    Integer[] nextSteps = new Integer[n];
    String[] states = new String[n];
    Long[] backoffs = new Long[n];
    String[] errors = new String[n];
    for (int i = 0; i < n; i++) {
      Finished f = batch.get(i);
      ids[i] = f.claim().id();
      claimIds[i] = f.claim().claimId();
      workspaces[i] = f.outcome().workspaceJson();
      if (f.outcome() instanceof StepOutcome.Succeeded s) {
        kinds[i] = "S";
        nextSteps[i] = s.nextStep();
        states[i] = s.state().name();
      } else if (f.outcome() instanceof StepOutcome.Retry r) {
        kinds[i] = "R";
        states[i] = JobState.READY.name();
        backoffs[i] = r.backoff().toMillis();
        errors[i] = r.error();
      } else {
        kinds[i] = "F";
        states[i] = JobState.FAILED.name();
        errors[i] = ((StepOutcome.Failed) f.outcome()).error();
      }
    }
    Set<UUID> saved = new HashSet<>(n * 2);
    synchronized (ownRows) {
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement(SAVE_BATCH)) {
        c.setAutoCommit(true);
        // planned with the actual arrays every time, like the claim: no generic plan that could
        // join the whole table
        unprepared(ps);
        ps.setArray(1, c.createArrayOf("uuid", ids));
        ps.setArray(2, c.createArrayOf("uuid", claimIds));
        ps.setArray(3, c.createArrayOf("text", kinds));
        ps.setArray(4, c.createArrayOf("text", workspaces));
        ps.setArray(5, c.createArrayOf("int4", nextSteps));
        ps.setArray(6, c.createArrayOf("text", states));
        ps.setArray(7, c.createArrayOf("int8", backoffs));
        ps.setArray(8, c.createArrayOf("text", errors));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            saved.add(rs.getObject(1, UUID.class));
          }
        }
      }
    }
    return saved;
  }

  /**
   * Extends the leases of the given claims.
   *
   * @return the claims renewed; the others were lost
   */
  List<UUID> renewLeases(Collection<UUID> claimIds) throws SQLException {
    synchronized (ownRows) {
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
  }

  /** Returns every job whose lease lapsed, whoever held it, to READY. */
  List<Rescued> rescueExpired() throws SQLException {
    synchronized (ownRows) {
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
  }

  /** Marks the given claims' jobs STOPPING. */
  int markStopping(Collection<UUID> claimIds) throws SQLException {
    synchronized (ownRows) {
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement(MARK_STOPPING)) {
        c.setAutoCommit(true);
        ps.setArray(1, uuids(c, claimIds));
        return ps.executeUpdate();
      }
    }
  }

  /**
   * Gives the given claims' jobs back as READY and clears their claims.
   *
   * @param runCounts whether the claims' steps ran (and ended without a result): their attempts
   *     then count toward the lost-run bound; false gives a step that never started its attempt
   *     back
   * @return the ids of the jobs handed back
   */
  List<UUID> handBack(Collection<UUID> claimIds, String reason, boolean runCounts)
      throws SQLException {
    synchronized (ownRows) {
      List<UUID> ids = new ArrayList<>();
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement(HAND_BACK)) {
        c.setAutoCommit(true);
        ps.setBoolean(1, runCounts);
        ps.setString(2, ErrorText.clean(reason));
        ps.setArray(3, uuids(c, claimIds));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getObject(1, UUID.class));
          }
        }
      }
      return ids;
    }
  }

  /**
   * Gives prefetched claims that never started back as READY, as if never claimed.
   *
   * @return how many jobs went back
   */
  int releaseUnstarted(Collection<UUID> claimIds) throws SQLException {
    synchronized (ownRows) {
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement(RELEASE_UNSTARTED)) {
        c.setAutoCommit(true);
        ps.setArray(1, uuids(c, claimIds));
        return ps.executeUpdate();
      }
    }
  }

  private static void unprepared(PreparedStatement ps) throws SQLException {
    if (ps.isWrapperFor(PGStatement.class)) {
      ps.unwrap(PGStatement.class).setPrepareThreshold(0);
    }
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
