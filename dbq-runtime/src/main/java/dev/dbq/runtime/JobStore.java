package dev.dbq.runtime;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The SQL of the store half of dbq (enqueue, queue depths, clean-up, look-ups), all of it here.
 * Methods take the caller's connection and leave its transaction alone.
 */
final class JobStore {

  /**
   * Inserts many jobs in one statement, in array order (so {@code seq} follows it), then sends one
   * notification per distinct queue. Parameters: ids, names, queues, priorities, workspaces,
   * run_after instants, run_after delays in microseconds, the channel.
   */
  private static final String INSERT =
      """
      WITH inserted AS (
          INSERT INTO dbq_job (id, name, queue_name, priority, workspace, run_after)
          SELECT j.id, j.name, j.queue_name, j.priority, j.workspace::jsonb,
                 coalesce(j.run_after, clock_timestamp() + j.delay_us * interval '1 microsecond')
            FROM unnest(?::uuid[], ?::text[], ?::text[], ?::smallint[], ?::text[],
                        ?::timestamptz[], ?::bigint[])
                 WITH ORDINALITY AS j(id, name, queue_name, priority, workspace, run_after,
                                      delay_us, ord)
           ORDER BY j.ord
          RETURNING queue_name
      )
      SELECT pg_notify(?, q.queue_name)
        FROM (SELECT DISTINCT queue_name FROM inserted) AS q""";

  /** {@link #INSERT} without the notification, for enqueues whose notification is deferred. */
  private static final String INSERT_ONLY =
      """
      INSERT INTO dbq_job (id, name, queue_name, priority, workspace, run_after)
      SELECT j.id, j.name, j.queue_name, j.priority, j.workspace::jsonb,
             coalesce(j.run_after, clock_timestamp() + j.delay_us * interval '1 microsecond')
        FROM unnest(?::uuid[], ?::text[], ?::text[], ?::smallint[], ?::text[],
                    ?::timestamptz[], ?::bigint[])
             WITH ORDINALITY AS j(id, name, queue_name, priority, workspace, run_after,
                                  delay_us, ord)
       ORDER BY j.ord""";

  private static final String QUEUE_DEPTHS =
      """
      SELECT queue_name, count(*)
        FROM dbq_job
       WHERE state IN ('NEW', 'READY')
         AND (NOT ? OR run_after IS NULL OR run_after <= now())
       GROUP BY queue_name""";

  /**
   * Finished jobs, and abandoned STOPPING ones: a STOPPING job without a claim (left by a seed-era
   * worker, or written around dbq) is resumed by no one. A STOPPING job with a claim is never
   * deleted: its worker is finishing the step (lease alive) or died (the rescue returns it to READY
   * once the lease lapsed). Uses dbq_job_created_idx.
   */
  private static final String DELETE_OLD =
      """
      DELETE FROM dbq_job
       WHERE created < now() - ? * interval '1 microsecond'
         AND (state IN ('COMPLETE', 'FAILED')
              OR (state = 'STOPPING' AND (claim_id IS NULL OR lease_expires IS NULL)))""";

  private static final String FIND =
      """
      SELECT id, name, queue_name, priority, state, next_step, workspace::text,
             created, modified, run_after, attempt, last_error
        FROM dbq_job
       WHERE id = ?""";

  private static final String COUNT_BY_STATE = "SELECT state, count(*) FROM dbq_job GROUP BY state";

  private JobStore() {}

  static void insert(Connection c, List<NewJob> jobs) throws SQLException {
    insert(c, jobs, true);
  }

  /**
   * Inserts many jobs in one statement, in array order.
   *
   * @param notify whether the statement also notifies (on commit) once per distinct queue
   */
  static void insert(Connection c, List<NewJob> jobs, boolean notify) throws SQLException {
    int n = jobs.size();
    String[] ids = new String[n];
    String[] names = new String[n];
    String[] queues = new String[n];
    Integer[] priorities = new Integer[n];
    String[] workspaces = new String[n];
    String[] runAfters = new String[n];
    Long[] delays = new Long[n];
    for (int i = 0; i < n; i++) {
      NewJob job = jobs.get(i);
      ids[i] = job.id().toString();
      names[i] = job.name();
      queues[i] = job.queue();
      priorities[i] = job.priority();
      workspaces[i] = job.workspaceJson();
      runAfters[i] =
          job.runAfter() == null ? null : job.runAfter().truncatedTo(ChronoUnit.MICROS).toString();
      delays[i] = job.runAfterDelay() == null ? null : micros(job.runAfterDelay());
    }
    try (PreparedStatement s = c.prepareStatement(notify ? INSERT : INSERT_ONLY)) {
      Array[] arrays = {
        c.createArrayOf("text", ids),
        c.createArrayOf("text", names),
        c.createArrayOf("text", queues),
        c.createArrayOf("int4", priorities),
        c.createArrayOf("text", workspaces),
        c.createArrayOf("text", runAfters),
        c.createArrayOf("int8", delays)
      };
      for (int i = 0; i < arrays.length; i++) {
        s.setArray(i + 1, arrays[i]);
      }
      if (notify) {
        s.setString(arrays.length + 1, Notifications.CHANNEL);
        s.executeQuery().close();
      } else {
        s.executeUpdate();
      }
      for (Array a : arrays) {
        a.free();
      }
    }
  }

  static Map<String, Long> queueDepths(Connection c, boolean excludeFutureJobs)
      throws SQLException {
    Map<String, Long> depths = new TreeMap<>();
    try (PreparedStatement s = c.prepareStatement(QUEUE_DEPTHS)) {
      s.setBoolean(1, excludeFutureJobs);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          depths.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return Collections.unmodifiableMap(depths);
  }

  static int deleteOld(Connection c, Duration olderThan) throws SQLException {
    TimeLimits.checkSpan("olderThan", olderThan);
    try (PreparedStatement s = c.prepareStatement(DELETE_OLD)) {
      s.setLong(1, micros(olderThan));
      return s.executeUpdate();
    }
  }

  static Optional<JobInfo> find(Connection c, UUID id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FIND)) {
      s.setObject(1, id);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new JobInfo(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getInt(4),
                JobState.valueOf(rs.getString(5)),
                rs.getInt(6),
                rs.getString(7),
                instant(rs, 8),
                instant(rs, 9),
                instant(rs, 10),
                rs.getInt(11),
                rs.getString(12)));
      }
    }
  }

  static Map<JobState, Long> countByState(Connection c) throws SQLException {
    Map<JobState, Long> counts = new EnumMap<>(JobState.class);
    for (JobState state : JobState.values()) {
      counts.put(state, 0L);
    }
    try (PreparedStatement s = c.prepareStatement(COUNT_BY_STATE);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        counts.put(JobState.valueOf(rs.getString(1)), rs.getLong(2));
      }
    }
    return Collections.unmodifiableMap(counts);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** Whole microseconds, PostgreSQL's interval resolution. */
  static long micros(Duration d) {
    return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1_000L);
  }
}
