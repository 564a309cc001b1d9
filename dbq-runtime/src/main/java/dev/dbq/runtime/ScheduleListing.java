package dev.dbq.runtime;

import dev.dbq.cron.CronExpression;
import dev.dbq.runtime.internal.store.ScheduleStore;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Turns the stored schedules into {@link ScheduleInfo}s, computing each next fire time. */
final class ScheduleListing {
  private ScheduleListing() {}

  static List<ScheduleInfo> list(ScheduleStore store, Instant now) throws SQLException {
    return store.list().stream().map(row -> info(row, now)).toList();
  }

  private static ScheduleInfo info(ScheduleStore.Listed row, Instant now) {
    ZoneId zone = ZoneId.of(row.zone());
    Optional<Instant> next;
    try {
      next = CronExpression.parse(row.cron()).nextAfter(now, zone);
    } catch (IllegalArgumentException e) {
      // registered by a dbq whose cron dialect this one does not read: list it without a next time
      next = Optional.empty();
    }
    String outcome;
    if (row.lastFire() == null) {
      outcome = "NONE";
    } else if (row.lastJob() == null) {
      outcome = "SKIPPED";
    } else if (row.lastJobState() == null) {
      outcome = "DELETED";
    } else {
      outcome = row.lastJobState();
    }
    return new ScheduleInfo(
        row.jobName(),
        row.cron(),
        zone,
        row.lastSeen(),
        next,
        Optional.ofNullable(row.lastFire()),
        Optional.ofNullable(row.lastJob()),
        outcome);
  }
}
