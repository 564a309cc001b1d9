package dev.dbq.runtime.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The statements of recurring jobs: registering schedules, firing a fire time, listing them. */
public final class ScheduleStore {
  private final DataSource dataSource;

  /** One schedule to register. */
  public record Registration(String key, String jobName, String cron, String zone) {}

  /**
   * A schedule as stored.
   *
   * @param key its key
   * @param created when it was first registered (database clock)
   * @param lastFire its latest recorded fire time, or null before the first
   * @param now the database clock when read
   */
  public record Registered(String key, Instant created, Instant lastFire, Instant now) {}

  /** One fire time to fire: what it records and what it enqueues. */
  public record Firing(
      String key,
      Instant fireTime,
      boolean skipOverlap,
      String jobName,
      String queue,
      int priority,
      String workspaceJson) {}

  /**
   * A schedule and its latest fire time's outcome, for {@code dbq schedules}.
   *
   * @param key its key
   * @param jobName its job
   * @param cron its expression
   * @param zone its zone id
   * @param lastSeen when a worker last registered it
   * @param lastFire its latest fire time, or null
   * @param lastJob the job that fire time enqueued, or null when skipped (or none yet)
   * @param lastJobState that job's state, or null when skipped, none yet or deleted since
   */
  public record Listed(
      String key,
      String jobName,
      String cron,
      String zone,
      Instant lastSeen,
      Instant lastFire,
      UUID lastJob,
      String lastJobState) {}

  /**
   * @param dataSource the pool
   */
  public ScheduleStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Registers schedules (idempotent) and reads their state.
   *
   * @param schedules the schedules of this worker's catalog
   * @return each schedule's state
   * @throws SQLException when the database fails
   */
  public List<Registered> register(List<Registration> schedules) throws SQLException {
    List<Registered> registered = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        NamedStatement ps = NamedStatement.prepare(c, SqlStatement.REGISTER_SCHEDULES)) {
      c.setAutoCommit(true);
      ps.setArray("keys", "text", schedules.stream().map(Registration::key).toArray())
          .setArray("job_names", "text", schedules.stream().map(Registration::jobName).toArray())
          .setArray("crons", "text", schedules.stream().map(Registration::cron).toArray())
          .setArray("zones", "text", schedules.stream().map(Registration::zone).toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          registered.add(
              new Registered(rs.getString(1), instant(rs, 2), instant(rs, 3), instant(rs, 4)));
        }
      }
    }
    return registered;
  }

  /**
   * Fires one fire time: records it and, unless the overlap policy skips it, enqueues its job, in
   * one statement; a fire time another worker fired already changes nothing.
   *
   * @param firing the fire time and its job
   * @return the enqueued job's id; empty when the time was fired before or skipped
   * @throws SQLException when the database fails
   */
  public Optional<UUID> fire(Firing firing) throws SQLException {
    try (Connection c = dataSource.getConnection();
        NamedStatement ps = NamedStatement.prepare(c, SqlStatement.FIRE_SCHEDULE)) {
      c.setAutoCommit(true);
      ps.setString("key", firing.key())
          .setString("fire_time", firing.fireTime().toString())
          .setBoolean("skip_overlap", firing.skipOverlap())
          .setString("job_id", UUID.randomUUID().toString())
          .setString("name", firing.jobName())
          .setString("queue", firing.queue())
          .setInt("priority", firing.priority())
          .setString("workspace", firing.workspaceJson())
          .setString("channel", Notifications.CHANNEL);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
      }
    }
  }

  /**
   * @return every schedule with its latest fire time's outcome, by job name
   * @throws SQLException when the database fails
   */
  public List<Listed> list() throws SQLException {
    List<Listed> listed = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        NamedStatement ps = NamedStatement.prepare(c, SqlStatement.LIST_SCHEDULES);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        listed.add(
            new Listed(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                instant(rs, 5),
                instant(rs, 6),
                rs.getObject(7, UUID.class),
                rs.getString(8)));
      }
    }
    return listed;
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
