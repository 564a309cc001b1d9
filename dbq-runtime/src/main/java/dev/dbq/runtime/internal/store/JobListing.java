package dev.dbq.runtime.internal.store;

import dev.dbq.runtime.JobCounts;
import dev.dbq.runtime.JobInfo;
import dev.dbq.runtime.JobPage;
import dev.dbq.runtime.JobState;
import dev.dbq.runtime.StepRun;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads jobs for people (the API's {@code JobQuery} and {@code findJob}, the command line, a
 * dashboard): pages in the claim's order, counts per state and queue, and each job's step-run
 * history. A page and its history are read in one read-only transaction, so each {@link JobInfo} is
 * one snapshot of the row and its runs. The connection is the caller's; its settings are restored.
 */
public final class JobListing {
  /** The claim's order, priority DESC then seq: the order of every page. */
  private static final Comparator<Row> CLAIM_ORDER =
      Comparator.comparingInt((Row r) -> r.position().rank())
          .thenComparingLong(r -> r.position().seq());

  private JobListing() {}

  /**
   * One page after {@code after} (null: the first page). The states asked for are read one {@link
   * StateGroup} at a time, so each read can use its group's partial indexes; each read stops after
   * the page's rows, and their merge in the claim's order, cut to the page, is the page the whole
   * set would give (the groups are disjoint).
   *
   * @param limit the page size; one row more is read to learn whether another page follows
   */
  public static JobPage page(Connection c, ListingFilter filter, int limit, PageCursor after)
      throws SQLException {
    return inSnapshot(
        c,
        () -> {
          List<Row> rows = new ArrayList<>();
          for (Map.Entry<StateGroup, EnumSet<JobState>> group :
              StateGroup.split(filter.states()).entrySet()) {
            rows.addAll(read(c, filter, group.getKey(), group.getValue(), limit + 1, after));
          }
          rows.sort(CLAIM_ORDER);
          boolean more = rows.size() > limit;
          List<Row> page = more ? rows.subList(0, limit) : rows;
          List<UUID> ids = page.stream().map(r -> r.job().id()).toList();
          Map<UUID, List<StepRun>> history = history(c, ids);
          List<JobInfo> jobs = new ArrayList<>(page.size());
          for (Row row : page) {
            jobs.add(withHistory(row.job(), history.get(row.job().id())));
          }
          String next = more ? page.get(page.size() - 1).position().text() : null;
          return new JobPage(jobs, next);
        });
  }

  /**
   * Up to {@code limit} jobs in the given states of one group after {@code after}. Without a queue,
   * name or workspace filter, the waiting jobs' statement merges the claim index's per-queue order
   * (the queues read first, in the same snapshot), the others' the listing index's per-state order.
   */
  private static List<Row> read(
      Connection c,
      ListingFilter filter,
      StateGroup group,
      Set<JobState> states,
      int limit,
      PageCursor after)
      throws SQLException {
    List<Row> rows = new ArrayList<>(Math.min(limit, 1024));
    boolean matching = filter.mayMatchFew();
    boolean perQueue = !matching && group == StateGroup.WAITING;
    List<String> queues = perQueue ? waitingQueues(c) : List.of();
    if (perQueue && queues.isEmpty()) {
      return rows;
    }
    SqlStatement statement =
        matching
            ? SqlStatement.LIST_JOBS_MATCHING
            : perQueue ? SqlStatement.LIST_WAITING_JOBS : SqlStatement.LIST_JOBS;
    try (NamedStatement s = NamedStatement.prepare(c, statement).unprepared()) {
      if (perQueue) {
        s.setArray("queues", "text", queues.toArray());
      }
      s.setArray("states", "text", StateGroup.names(states));
      setWindows(s, filter);
      if (matching) {
        setMatches(s, filter);
      }
      s.setObject("after_rank", after == null ? null : after.rank());
      s.setObject("after_seq", after == null ? null : after.seq());
      s.setInt("limit", limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(job(rs, List.of()), new PageCursor(rs.getInt(4), rs.getLong(13))));
        }
      }
    }
    return rows;
  }

  /** The queues that have waiting jobs, for list-waiting-jobs.sql's per-queue scans. */
  private static List<String> waitingQueues(Connection c) throws SQLException {
    List<String> queues = new ArrayList<>();
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.WAITING_QUEUES);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        queues.add(rs.getString(1));
      }
    }
    return queues;
  }

  /** One job with its history, read in one snapshot. */
  public static Optional<JobInfo> find(Connection c, UUID id) throws SQLException {
    return inSnapshot(
        c,
        () -> {
          Optional<JobInfo> job = JobStore.findRow(c, id);
          if (job.isEmpty()) {
            return job;
          }
          return Optional.of(withHistory(job.get(), history(c, List.of(id)).get(id)));
        });
  }

  /**
   * The jobs the filter matches, per queue and state: one count per {@link StateGroup} asked for,
   * so each can read its group's partial indexes; the groups are disjoint, so the counts are put
   * side by side. They are read in one snapshot, so a job that moves from one group to another
   * meanwhile is counted once.
   */
  public static JobCounts counts(Connection c, ListingFilter filter) throws SQLException {
    return inSnapshot(
        c,
        () -> {
          Map<String, Map<JobState, Long>> byQueue = new TreeMap<>();
          for (Set<JobState> states : StateGroup.split(filter.states()).values()) {
            count(c, filter, states, byQueue);
          }
          return new JobCounts(byQueue);
        });
  }

  /** Adds the counts of the given states (of one group) to {@code byQueue}. */
  private static void count(
      Connection c,
      ListingFilter filter,
      Set<JobState> states,
      Map<String, Map<JobState, Long>> byQueue)
      throws SQLException {
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.COUNT_JOBS).unprepared()) {
      s.setArray("states", "text", StateGroup.names(states));
      setWindows(s, filter);
      setMatches(s, filter);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          byQueue
              .computeIfAbsent(rs.getString(2), q -> new EnumMap<>(JobState.class))
              .put(JobState.valueOf(rs.getString(1)), rs.getLong(3));
        }
      }
    }
  }

  private static void setMatches(NamedStatement s, ListingFilter filter) throws SQLException {
    s.setString("queue", filter.queue())
        .setString("name", filter.name())
        .setString("contains", filter.workspaceContains());
  }

  private static void setWindows(NamedStatement s, ListingFilter filter) throws SQLException {
    s.setObject("created_from", timestamp(filter.createdFrom()))
        .setObject("created_to", timestamp(filter.createdTo()))
        .setObject("modified_from", timestamp(filter.modifiedFrom()))
        .setObject("modified_to", timestamp(filter.modifiedTo()));
  }

  private static Map<UUID, List<StepRun>> history(Connection c, List<UUID> ids)
      throws SQLException {
    Map<UUID, List<StepRun>> runs = new HashMap<>();
    if (ids.isEmpty()) {
      return runs;
    }
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.FIND_STEP_RUNS)) {
      s.setArray("job_ids", "uuid", ids.toArray());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          runs.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
              .add(
                  new StepRun(
                      rs.getInt(2),
                      rs.getString(3),
                      rs.getInt(4),
                      rs.getString(5),
                      instant(rs, 6),
                      instant(rs, 7),
                      StepRun.Outcome.valueOf(rs.getString(8)),
                      rs.getString(9),
                      rs.getString(10)));
        }
      }
    }
    return runs;
  }

  /** Reads the columns of find-job.sql and list-jobs.sql, which start alike. */
  static JobInfo job(ResultSet rs, List<StepRun> history) throws SQLException {
    return new JobInfo(
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
        rs.getString(12),
        history);
  }

  private static JobInfo withHistory(JobInfo job, List<StepRun> history) {
    return new JobInfo(
        job.id(),
        job.name(),
        job.queue(),
        job.priority(),
        job.state(),
        job.nextStep(),
        job.workspace(),
        job.created(),
        job.modified(),
        job.runAfter(),
        job.attempt(),
        job.lastError(),
        history);
  }

  /** Reads in one read-only, repeatable-read transaction, and restores the connection. */
  private static <T> T inSnapshot(Connection c, Read<T> read) throws SQLException {
    if (!c.getAutoCommit()) {
      // the caller's transaction: read in it as it is
      return read.run();
    }
    c.setAutoCommit(false);
    try {
      try (Statement s = c.createStatement()) {
        // repeatable read, read only, on the transaction alone (see begin-snapshot.sql)
        s.execute(SqlStatement.BEGIN_SNAPSHOT.sql());
      }
      T result = read.run();
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** A read inside {@link #inSnapshot}. */
  @FunctionalInterface
  private interface Read<T> {
    T run() throws SQLException;
  }

  /** A job of a page and its position in the claim's order. */
  private record Row(JobInfo job, PageCursor position) {}
}
