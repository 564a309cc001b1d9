package dev.dbq.runtime.internal.store;

import dev.dbq.runtime.JobState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The operator's actions on stored jobs (retry, cancel, delete, run now), each one statement that
 * names the states it expects; the statements are in {@link SqlStatement}. Methods take the
 * caller's connection (in autocommit) and return the ids of the jobs they changed.
 */
public final class JobActions {

  /**
   * Which jobs an action takes: the given ids, or (when {@code ids} is null) every job that matches
   * the filter; a null criterion matches every job.
   *
   * @param ids the jobs, or null to take the filter
   * @param states the states to match, or null
   * @param queue the queue to match, or null
   * @param name the job name to match, or null
   */
  public record Selection(List<UUID> ids, Set<JobState> states, String queue, String name) {}

  /** A job a cancel changed, with its state after the change. */
  public record Cancelled(UUID id, JobState state) {}

  private JobActions() {}

  /** FAILED/CANCELLED jobs back to READY at {@code fromStep} (null: their own step). */
  public static List<UUID> retry(Connection c, Selection selection, Integer fromStep)
      throws SQLException {
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.RETRY_JOBS)) {
      select(s.unprepared(), selection)
          .setObject("from_step", fromStep)
          .setString("channel", Notifications.CHANNEL);
      return ids(s);
    }
  }

  /** The distinct names of the jobs {@link #retry} would take. */
  public static List<String> retryNames(Connection c, Selection selection) throws SQLException {
    List<String> names = new ArrayList<>();
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.RETRY_NAMES)) {
      select(s.unprepared(), selection);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  /** NEW/READY jobs CANCELLED, PROCESSING/STOPPING ones asked to stop. */
  public static List<Cancelled> cancel(Connection c, Selection selection) throws SQLException {
    List<Cancelled> changed = new ArrayList<>();
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.CANCEL_JOBS)) {
      select(s.unprepared(), selection)
          .setString("channel", Notifications.CHANNEL)
          .setString("cancel_payload", Notifications.CANCEL_PAYLOAD);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          changed.add(
              new Cancelled(rs.getObject(1, UUID.class), JobState.valueOf(rs.getString(2))));
        }
      }
    }
    return changed;
  }

  /** Deletes the jobs no worker holds. */
  public static List<UUID> delete(Connection c, Selection selection) throws SQLException {
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.DELETE_JOBS)) {
      select(s.unprepared(), selection);
      return ids(s);
    }
  }

  /** Clears the future {@code run_after} of NEW/READY jobs. */
  public static List<UUID> runNow(Connection c, Selection selection) throws SQLException {
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.RUN_JOBS_NOW)) {
      select(s.unprepared(), selection).setString("channel", Notifications.CHANNEL);
      return ids(s);
    }
  }

  /** The states of the given jobs; an id without a job is absent. */
  public static Map<UUID, JobState> states(Connection c, List<UUID> ids) throws SQLException {
    Map<UUID, JobState> states = new HashMap<>();
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.JOB_STATES)) {
      s.setArray("ids", "uuid", ids.toArray());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          states.put(rs.getObject(1, UUID.class), JobState.valueOf(rs.getString(2)));
        }
      }
    }
    return states;
  }

  private static NamedStatement select(NamedStatement s, Selection selection) throws SQLException {
    return s.setArray("ids", "uuid", selection.ids() == null ? null : selection.ids().toArray())
        .setArray(
            "states",
            "text",
            selection.states() == null
                ? null
                : selection.states().stream().map(Enum::name).sorted().toArray())
        .setString("queue", selection.queue())
        .setString("name", selection.name());
  }

  private static List<UUID> ids(NamedStatement s) throws SQLException {
    List<UUID> ids = new ArrayList<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getObject(1, UUID.class));
      }
    }
    return ids;
  }
}
