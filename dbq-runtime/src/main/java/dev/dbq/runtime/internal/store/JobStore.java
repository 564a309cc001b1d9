package dev.dbq.runtime.internal.store;

import dev.dbq.runtime.JobInfo;
import dev.dbq.runtime.JobState;
import dev.dbq.runtime.internal.TimeLimits;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The store half of dbq (enqueue, queue depths, clean-up, look-ups); the statements are in {@link
 * SqlStatement}. Methods take the caller's connection and leave its transaction alone.
 */
public final class JobStore {

  private JobStore() {}

  public static void insert(Connection c, List<NewJob> jobs) throws SQLException {
    insert(c, jobs, true);
  }

  /**
   * Inserts many jobs in one statement, in array order.
   *
   * @param notify whether the statement also notifies (on commit) once per distinct queue
   */
  public static void insert(Connection c, List<NewJob> jobs, boolean notify) throws SQLException {
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.INSERT_JOBS)) {
      new InsertColumns(jobs)
          .bindTo(s, false)
          .setBoolean("notify", notify)
          .setString("channel", Notifications.CHANNEL);
      s.executeQuery().close();
    }
  }

  public static Map<String, Long> queueDepths(Connection c, boolean excludeFutureJobs)
      throws SQLException {
    Map<String, Long> depths = new TreeMap<>();
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.QUEUE_DEPTHS)) {
      s.setBoolean("exclude_future_jobs", excludeFutureJobs);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          depths.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return Collections.unmodifiableMap(depths);
  }

  public static int deleteOld(Connection c, Duration olderThan) throws SQLException {
    TimeLimits.checkSpan("olderThan", olderThan);
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.DELETE_OLD_JOBS)) {
      s.setLong("older_than_us", micros(olderThan));
      return s.executeUpdate();
    }
  }

  /** One job with its step-run history, read in one snapshot. */
  public static Optional<JobInfo> find(Connection c, UUID id) throws SQLException {
    return JobListing.find(c, id);
  }

  /** The job's row alone. */
  static Optional<JobInfo> findRow(Connection c, UUID id) throws SQLException {
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.FIND_JOB)) {
      s.setObject("id", id);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(JobListing.job(rs, List.of()));
      }
    }
  }

  /**
   * The history of one job: every run of its steps, oldest first.
   *
   * @return the runs in the order they were written (empty for an unknown job)
   */
  public static List<StepRun> stepRuns(Connection c, UUID jobId) throws SQLException {
    List<StepRun> runs = new ArrayList<>();
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.FIND_JOB_STEP_RUNS)) {
      s.setObject("job_id", jobId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          runs.add(
              new StepRun(
                  rs.getLong(1),
                  rs.getObject(2, UUID.class),
                  rs.getInt(3),
                  rs.getString(4),
                  rs.getInt(5),
                  rs.getString(6),
                  instant(rs, 7),
                  instant(rs, 8),
                  Duration.of(rs.getLong(9), ChronoUnit.MICROS),
                  StepRunOutcome.valueOf(rs.getString(10)),
                  rs.getString(11),
                  rs.getString(12)));
        }
      }
    }
    return runs;
  }

  public static Map<JobState, Long> countByState(Connection c) throws SQLException {
    Map<JobState, Long> counts = new EnumMap<>(JobState.class);
    for (JobState state : JobState.values()) {
      counts.put(state, 0L);
    }
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.COUNT_BY_STATE);
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
