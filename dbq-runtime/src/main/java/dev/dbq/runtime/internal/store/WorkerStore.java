package dev.dbq.runtime.internal.store;

import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.internal.ErrorText;
import java.sql.Connection;
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

/**
 * The worker's statements against {@code dbq_job} (their SQL is in {@link SqlStatement}). Every
 * statement borrows a connection, runs in autocommit and gives the connection back: no connection
 * is held while a step runs. Finished steps are saved in batches ({@link #saveBatch}). Every
 * state-changing statement names the states it expects and, past the claim, the claim it belongs
 * to. The statements that end a run (save, rescue, hand-back) write its {@code dbq_step_run} row
 * themselves, in the same statement.
 */
public final class WorkerStore {
  /** The claim as JDBC takes it, for the plan test. */
  public static final String CLAIM = SqlStatement.CLAIM.sql();

  /** The claim over several queues as JDBC takes it, for the plan test. */
  public static final String CLAIM_MANY_QUEUES = SqlStatement.CLAIM_MANY_QUEUES.sql();

  /** A job whose lease lapsed and that went back to READY. */
  public record Rescued(UUID id, String name, String queue, int step, int attempt) {}

  private final DataSource dataSource;
  private final String workerId;
  private final long leaseMillis;
  private final boolean recordHistory;
  // the catalog's steps, one element per step, for naming the runs a rescue finds lost
  private final String[] catalogJobNames;
  private final Integer[] catalogStepIndexes;
  private final String[] catalogStepNames;

  /**
   * Held around every statement that writes this worker's own claimed rows (save, renew, stop, hand
   * back, rescue): two such multi-row updates locking the same rows in different orders could
   * deadlock.
   */
  private final Object ownRows = new Object();

  /**
   * @param catalog names the steps of the lost runs a rescue finds
   * @param recordHistory whether the saves and hand-backs of this worker's runs write their history
   *     rows (a rescue always records the lost runs it finds)
   */
  public WorkerStore(
      DataSource dataSource,
      String workerId,
      Duration lease,
      JobCatalog catalog,
      boolean recordHistory) {
    this.dataSource = dataSource;
    this.workerId = workerId;
    this.leaseMillis = lease.toMillis();
    this.recordHistory = recordHistory;
    List<String> jobNames = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    List<String> stepNames = new ArrayList<>();
    for (JobDefinition job : catalog.jobs()) {
      for (int i = 0; i < job.steps().size(); i++) {
        jobNames.add(job.name());
        indexes.add(i);
        stepNames.add(job.steps().get(i).name());
      }
    }
    this.catalogJobNames = jobNames.toArray(new String[0]);
    this.catalogStepIndexes = indexes.toArray(new Integer[0]);
    this.catalogStepNames = stepNames.toArray(new String[0]);
  }

  /**
   * Claims up to {@code limit} runnable jobs of the given queues and names, as many of a limited
   * queue as {@code limit} and its free capacity allow.
   *
   * @return the claims, highest priority first, then oldest
   */
  public List<Claim> claim(List<String> queues, Collection<String> names, int limit)
      throws SQLException {
    return claim(queues, names, limit, limit);
  }

  /**
   * Claims up to {@code limit} runnable jobs of the given queues and names, of a queue with a
   * concurrency limit at most {@code slots} (the worker's idle slots: a prefetch must not hold a
   * limited queue's capacity that the worker cannot start) and no more than its free capacity; none
   * of a paused queue.
   *
   * @return the claims, highest priority first, then oldest
   */
  public List<Claim> claim(List<String> queues, Collection<String> names, int limit, int slots)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      return claim(c, queues, names, limit, slots);
    }
  }

  /**
   * The claim on the given connection, in whatever transaction it is in (the tests hold one open to
   * see which rows the claim locked).
   */
  List<Claim> claim(
      Connection c, List<String> queues, Collection<String> names, int limit, int slots)
      throws SQLException {
    List<Claim> claims = new ArrayList<>(limit);
    long claimedNanos = System.nanoTime();
    // sorted: claims lock the rows of limited queues in one order, so two never deadlock
    Object[] sortedQueues = queues.stream().distinct().sorted().toArray();
    // one queue: claim.sql locks only the rows it returns; over several, its per-queue scans would
    // each lock up to the limit, so claim-many-queues.sql first finds, unlocked, how many each
    // queue contributes to the best limit of them all
    SqlStatement statement =
        sortedQueues.length > 1 ? SqlStatement.CLAIM_MANY_QUEUES : SqlStatement.CLAIM;
    try (NamedStatement ps = NamedStatement.prepare(c, statement)) {
      // planned with the actual arguments every time: no generic plan after five executions
      ps.unprepared()
          .setArray("queues", "text", sortedQueues)
          .setArray("names", "text", names.toArray())
          .setInt("limit", limit)
          .setInt("slots", Math.max(0, slots))
          .setString("worker_id", workerId)
          .setLong("lease_millis", leaseMillis);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          claims.add(claimAt(rs, claimedNanos));
        }
      }
    }
    // UPDATE ... RETURNING does not keep the candidates' order
    claims.sort(Comparator.comparingInt(Claim::priority).reversed().thenComparingLong(Claim::seq));
    return claims;
  }

  private static Claim claimAt(ResultSet rs, long claimedNanos) throws SQLException {
    return new Claim(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getString(3),
        rs.getInt(4),
        rs.getLong(5),
        rs.getInt(6),
        rs.getString(7),
        rs.getInt(8),
        rs.getObject(9, UUID.class),
        rs.getLong(10),
        rs.getLong(11),
        claimedNanos,
        rs.getString(12));
  }

  /**
   * Reads rows shaped like the claim's, made up by the database (no table is read), through the
   * same code: the driver's row decoding is then linked before the first real claim (see the
   * worker's {@code WorkerWarmUp}).
   */
  public void decodeMadeUpClaims(int rows) throws SQLException {
    try (Connection c = dataSource.getConnection();
        NamedStatement ps = NamedStatement.prepare(c, SqlStatement.DECODE_MADE_UP_CLAIMS)) {
      c.setAutoCommit(true);
      ps.unprepared().setInt("rows", rows);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          claimAt(rs, 0);
        }
      }
    }
  }

  /**
   * A finished step waiting to be saved, with what its history row needs.
   *
   * @param claim the job and step
   * @param outcome what to save
   * @param stepName the step's name, or null when the catalog has no such step
   * @param startedNanos when the run started ({@link System#nanoTime()})
   * @param endedNanos when it ended ({@link System#nanoTime()})
   */
  public record Finished(
      Claim claim, StepOutcome outcome, String stepName, long startedNanos, long endedNanos) {
    /** The same run with another outcome to save (one the database refused, replaced). */
    public Finished withOutcome(StepOutcome replacement) {
      return new Finished(claim, replacement, stepName, startedNanos, endedNanos);
    }
  }

  /**
   * A step that started and is being handed back unfinished.
   *
   * @param claim the job and step
   * @param stepName the step's name, or null when the catalog has no such step
   * @param startedNanos when the run started ({@link System#nanoTime()})
   */
  public record Unfinished(Claim claim, String stepName, long startedNanos) {}

  /**
   * Writes many steps' outcomes in one statement and one commit, each row fenced by its claim.
   *
   * @return the claim ids whose outcome was written; the others' claims were lost
   */
  public Set<UUID> saveBatch(List<Finished> batch) throws SQLException {
    int n = batch.size();
    SaveBatchColumns columns = new SaveBatchColumns(batch);
    Set<UUID> saved = new HashSet<>(n * 2);
    synchronized (ownRows) {
      try (Connection c = dataSource.getConnection();
          NamedStatement ps =
              NamedStatement.prepare(
                  c,
                  recordHistory
                      ? SqlStatement.SAVE_BATCH
                      : SqlStatement.SAVE_BATCH_WITHOUT_HISTORY)) {
        c.setAutoCommit(true);
        // planned with the actual arrays every time, like the claim: no generic plan that could
        // join the whole table
        columns.bindTo(ps.unprepared(), recordHistory);
        if (recordHistory) {
          bindRunTimes(ps.setString("worker_id", workerId), batch);
        }
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
   * Binds each run's start and end as microseconds before now: last, with the connection in hand,
   * so that the offsets are taken as the statement is sent.
   */
  private static void bindRunTimes(NamedStatement ps, List<Finished> batch) throws SQLException {
    int n = batch.size();
    Long[] startedAgo = new Long[n];
    Long[] endedAgo = new Long[n];
    long now = System.nanoTime();
    for (int i = 0; i < n; i++) {
      startedAgo[i] = microsBefore(now, batch.get(i).startedNanos());
      endedAgo[i] = microsBefore(now, batch.get(i).endedNanos());
    }
    ps.setArray("started_ago_us", "int8", startedAgo).setArray("ended_ago_us", "int8", endedAgo);
  }

  /**
   * Whole microseconds from {@code then} to {@code now} ({@link System#nanoTime()}), at least 0.
   */
  private static long microsBefore(long now, long then) {
    return Math.max(0, (now - then) / 1_000);
  }

  /**
   * What a lease renewal found.
   *
   * @param renewed the claims renewed; the others were lost
   * @param cancelRequested of those, the ones whose jobs an operator asked to stop
   */
  public record Renewal(List<UUID> renewed, Set<UUID> cancelRequested) {}

  /**
   * Extends the leases of the given claims.
   *
   * @return the claims renewed, and which of them an operator asked to stop
   */
  public Renewal renewLeases(Collection<UUID> claimIds) throws SQLException {
    synchronized (ownRows) {
      List<UUID> renewed = new ArrayList<>(claimIds.size());
      Set<UUID> cancelRequested = new HashSet<>();
      try (Connection c = dataSource.getConnection();
          NamedStatement ps = NamedStatement.prepare(c, SqlStatement.RENEW_LEASES)) {
        c.setAutoCommit(true);
        ps.setLong("lease_millis", leaseMillis).setArray("claim_ids", "uuid", claimIds.toArray());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            UUID claimId = rs.getObject(1, UUID.class);
            renewed.add(claimId);
            if (rs.getBoolean(2)) {
              cancelRequested.add(claimId);
            }
          }
        }
      }
      return new Renewal(renewed, cancelRequested);
    }
  }

  /**
   * Returns every job whose lease lapsed, whoever held it, to READY, and records each lost run
   * (LOST).
   */
  public List<Rescued> rescueExpired() throws SQLException {
    synchronized (ownRows) {
      List<Rescued> rescued = new ArrayList<>();
      try (Connection c = dataSource.getConnection();
          NamedStatement ps = NamedStatement.prepare(c, SqlStatement.RESCUE_EXPIRED)) {
        c.setAutoCommit(true);
        ps.setArray("job_names", "text", catalogJobNames)
            .setArray("step_indexes", "int4", catalogStepIndexes)
            .setArray("step_names", "text", catalogStepNames);
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
  public int markStopping(Collection<UUID> claimIds) throws SQLException {
    synchronized (ownRows) {
      try (Connection c = dataSource.getConnection();
          NamedStatement ps = NamedStatement.prepare(c, SqlStatement.MARK_STOPPING)) {
        c.setAutoCommit(true);
        ps.setArray("claim_ids", "uuid", claimIds.toArray());
        return ps.executeUpdate();
      }
    }
  }

  /**
   * Gives the jobs of claims whose steps never started back as READY, their attempts given back
   * (they did not run), and clears their claims. No history: nothing ran.
   *
   * @return the ids of the jobs handed back
   */
  public List<UUID> handBackUnstarted(Collection<UUID> claimIds, String reason)
      throws SQLException {
    return handBack(claimIds, List.of(), reason, null);
  }

  /**
   * Gives the jobs of steps that started and will not finish here back as READY and clears their
   * claims; the runs count toward the lost-run bound (their attempts are kept) and each is
   * recorded, ended now.
   *
   * @param outcome {@link StepRunOutcome#LOST} or {@link StepRunOutcome#STOPPED}
   * @return the ids of the jobs handed back
   */
  public List<UUID> handBackRuns(Collection<Unfinished> runs, String reason, StepRunOutcome outcome)
      throws SQLException {
    if (runs.isEmpty()) {
      return List.of();
    }
    List<UUID> claimIds = new ArrayList<>(runs.size());
    for (Unfinished run : runs) {
      claimIds.add(run.claim().claimId());
    }
    return handBack(claimIds, runs, reason, outcome);
  }

  /** The hand-back; {@code outcome} null: the steps never started. */
  private List<UUID> handBack(
      Collection<UUID> claimIds, Collection<Unfinished> runs, String reason, StepRunOutcome outcome)
      throws SQLException {
    synchronized (ownRows) {
      List<UUID> ids = new ArrayList<>();
      try (Connection c = dataSource.getConnection();
          NamedStatement ps = NamedStatement.prepare(c, SqlStatement.HAND_BACK)) {
        c.setAutoCommit(true);
        ps.setBoolean("run_counts", outcome != null)
            .setString("error", ErrorText.clean(reason))
            .setArray("claim_ids", "uuid", claimIds.toArray())
            .setString("outcome", outcome == null ? null : outcome.name())
            .setString("worker_id", workerId)
            .setBoolean("record_history", recordHistory);
        int n = runs.size();
        Object[] jobIds = new Object[n];
        String[] stepNames = new String[n];
        Long[] startedAgo = new Long[n];
        long now = System.nanoTime();
        int i = 0;
        for (Unfinished run : runs) {
          jobIds[i] = run.claim().id();
          stepNames[i] = run.stepName();
          startedAgo[i] = microsBefore(now, run.startedNanos());
          i++;
        }
        ps.setArray("job_ids", "uuid", jobIds)
            .setArray("step_names", "text", stepNames)
            .setArray("started_ago_us", "int8", startedAgo);
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
  public int releaseUnstarted(Collection<UUID> claimIds) throws SQLException {
    synchronized (ownRows) {
      try (Connection c = dataSource.getConnection();
          NamedStatement ps = NamedStatement.prepare(c, SqlStatement.RELEASE_UNSTARTED)) {
        c.setAutoCommit(true);
        ps.setArray("claim_ids", "uuid", claimIds.toArray());
        return ps.executeUpdate();
      }
    }
  }
}
