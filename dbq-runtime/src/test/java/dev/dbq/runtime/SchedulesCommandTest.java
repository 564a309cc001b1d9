package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbq.runtime.internal.store.ScheduleStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code dbq schedules}: each schedule, its next fire time and its last run's outcome. */
class SchedulesCommandTest {
  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  private static String run() {
    StringWriter out = new StringWriter();
    int status =
        DbqCli.run(
            Map.of("DBQ_JDBC_URL", db.database.url()),
            () -> JobCatalog.of(List.of()),
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            "schedules");
    assertEquals(0, status);
    return out.toString();
  }

  @Test
  void eachScheduleIsListedWithItsNextFireTimeAndItsLastOutcome() throws Exception {
    db.sql.execute("DELETE FROM dbq_schedule");
    ScheduleStore store = new ScheduleStore(db.dbq.dataSource());
    store.register(
        List.of(
            new ScheduleStore.Registration("daily @daily UTC", "daily", "@daily", "UTC"),
            new ScheduleStore.Registration("never 0 3 * * * UTC", "never", "0 3 * * *", "UTC")));
    Instant fired = Instant.parse("2026-03-01T00:00:00Z");
    UUID job =
        store
            .fire(
                new ScheduleStore.Firing(
                    "daily @daily UTC", fired, false, "daily", "default", 0, "{}"))
            .orElseThrow();
    db.sql.execute("UPDATE dbq_job SET state = 'COMPLETE' WHERE id = '" + job + "'");

    Instant midnight =
        LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    assertEquals(
        "event=schedule job=daily cron=\"@daily\" zone=UTC next="
            + midnight
            + " last=2026-03-01T00:00:00Z last_outcome=COMPLETE last_job="
            + job
            + "\n"
            + "event=schedule job=never cron=\"0 3 * * *\" zone=UTC next="
            + CronSchedule.next("0 3 * * *")
            + " last=none last_outcome=NONE\n",
        run());
  }

  /** The expected next fire time of a UTC expression, as the command computes it. */
  private static final class CronSchedule {
    static Instant next(String cron) {
      return RecurringSchedule.cron(cron).nextAfter(Instant.now()).orElseThrow();
    }
  }
}
