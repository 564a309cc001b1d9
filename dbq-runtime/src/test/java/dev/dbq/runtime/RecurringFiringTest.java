package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.internal.store.ScheduleStore;
import dev.dbq.runtime.internal.worker.ScheduleFiring;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Recurring schedules fire exactly once per fire time, with their backfill and overlap policies.
 */
class RecurringFiringTest {
  private static final Duration BOUND = Duration.ofSeconds(30);
  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();
  private final List<DbqWorker> workers = new ArrayList<>();

  @BeforeEach
  void noSchedules() {
    db.sql.execute("DELETE FROM dbq_schedule");
  }

  @AfterEach
  void stopWorkers() {
    workers.forEach(DbqWorker::close);
  }

  private static JobDefinition job(String name, RecurringSchedule schedule, AtomicInteger runs) {
    return JobDefinition.builder(name)
        .step(
            "run",
            call -> {
              runs.incrementAndGet();
              return null;
            })
        .schedule(schedule)
        .build();
  }

  /** A schedule whose latest fire time is {@code lastFireAgo} before now, registered long ago. */
  private static void firedBefore(String key, String jobName, String lastFireAgo) {
    db.sql.execute(
        "INSERT INTO dbq_schedule (key, job_name, cron, zone, created)"
            + " VALUES ('"
            + key
            + "', '"
            + jobName
            + "', 'x', 'UTC', now() - interval '1 day')");
    db.sql.execute(
        "INSERT INTO dbq_schedule_fire (schedule_key, fire_time) VALUES ('"
            + key
            + "', date_trunc('minute', now()) - interval '"
            + lastFireAgo
            + "')");
  }

  private static long fires(String key) {
    return db.sql.count(
        "SELECT count(*) FROM dbq_schedule_fire WHERE schedule_key = '" + key + "'");
  }

  @Test
  void threeWorkersFireEachFireTimeOfASecondsScheduleExactlyOnce() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    JobDefinition tick = job("tick", RecurringSchedule.cron("* * * * * *"), runs);
    for (int i = 0; i < 3; i++) {
      DbqWorker worker =
          DbqWorker.builder().dbq(db.dbq).catalog(JobCatalog.of(tick)).concurrency(2).build();
      workers.add(worker);
      worker.start();
    }
    String key = tick.schedules().get(0).key("tick");
    Await.until("five fire times", () -> fires(key) >= 5, BOUND);
    workers.forEach(DbqWorker::close);

    long fires = fires(key);
    assertEquals(
        fires,
        db.sql.count(
            "SELECT count(DISTINCT fire_time) FROM dbq_schedule_fire WHERE schedule_key = '"
                + key
                + "'"));
    assertEquals(fires, db.sql.count("SELECT count(*) FROM dbq_job WHERE name = 'tick'"));
    // consecutive seconds: none missed between the first and the last
    assertEquals(
        fires - 1,
        db.sql.count(
            "SELECT extract(epoch FROM max(fire_time) - min(fire_time))::bigint"
                + " FROM dbq_schedule_fire WHERE schedule_key = '"
                + key
                + "'"));
  }

  @Test
  void aFireTimeFiredBeforeEnqueuesNothing() throws Exception {
    ScheduleStore store = new ScheduleStore(db.dbq.dataSource());
    store.register(List.of(new ScheduleStore.Registration("k", "once", "@daily", "UTC")));
    Instant fireTime = Instant.parse("2026-03-01T00:00:00Z");
    ScheduleStore.Firing firing =
        new ScheduleStore.Firing("k", fireTime, false, "once", "default", 0, "{}");
    assertTrue(store.fire(firing).isPresent());
    assertTrue(store.fire(firing).isEmpty());
    assertEquals(1, db.sql.count("SELECT count(*) FROM dbq_job WHERE name = 'once'"));
    assertEquals(1, fires("k"));
  }

  @Test
  void withBackfillTheMissedFireTimesWithinTheWindowFireOnce() throws Exception {
    RecurringSchedule schedule =
        RecurringSchedule.cron("* * * * *").backfill(Duration.ofMinutes(30));
    JobDefinition minutely = job("minutely", schedule, new AtomicInteger());
    String key = schedule.key("minutely");
    firedBefore(key, "minutely", "20 minutes");
    ScheduleFiring firing = new ScheduleFiring(db.dbq.dataSource(), List.of(minutely), "test");
    firing.tick();
    firing.tick();
    // every minute after the last fire time up to the current one (21 rows, 22 when the minute
    // turned between the set-up and the tick), each once, with one job each
    long fires = fires(key);
    assertTrue(fires >= 21, "fire times: " + fires);
    assertEquals(fires - 1, db.sql.count("SELECT count(*) FROM dbq_job WHERE name = 'minutely'"));
    assertEquals(
        fires - 1,
        db.sql.count(
            "SELECT extract(epoch FROM max(fire_time) - min(fire_time))::bigint / 60"
                + " FROM dbq_schedule_fire WHERE schedule_key = '"
                + key
                + "'"));
  }

  @Test
  void withoutBackfillMissedFireTimesDoNotFire() throws Exception {
    RecurringSchedule schedule = RecurringSchedule.cron("* * * * *");
    JobDefinition minutely = job("minutely", schedule, new AtomicInteger());
    String key = schedule.key("minutely");
    firedBefore(key, "minutely", "20 minutes");
    new ScheduleFiring(db.dbq.dataSource(), List.of(minutely), "test").tick();
    // at most the current minute, when it began less than ON_TIME_GRACE ago
    assertEquals(
        0,
        db.sql.count(
            "SELECT count(*) FROM dbq_schedule_fire WHERE schedule_key = '"
                + key
                + "' AND fire_time > date_trunc('minute', now()) - interval '20 minutes'"
                + " AND fire_time < now() - interval '"
                + ScheduleFiring.ON_TIME_GRACE.toSeconds()
                + " seconds'"));
  }

  @Test
  void withSkipOverlapAFireTimeWhileThePreviousJobWaitsIsRecordedWithoutAJob() throws Exception {
    RecurringSchedule schedule =
        RecurringSchedule.cron("* * * * *").backfill(Duration.ofMinutes(10)).skipOverlap();
    JobDefinition minutely = job("minutely", schedule, new AtomicInteger());
    String key = schedule.key("minutely");
    firedBefore(key, "minutely", "5 minutes");
    ScheduleFiring firing = new ScheduleFiring(db.dbq.dataSource(), List.of(minutely), "test");
    firing.tick();
    // the first missed minute enqueues; the later ones find it still NEW and are skipped
    long fires = fires(key);
    assertTrue(fires >= 6, "fire times: " + fires);
    assertEquals(1, db.sql.count("SELECT count(*) FROM dbq_job WHERE name = 'minutely'"));
    assertEquals(
        fires - 1, // the skipped ones and the set-up row, which has no job either
        db.sql.count(
            "SELECT count(*) FROM dbq_schedule_fire WHERE job_id IS NULL AND schedule_key = '"
                + key
                + "'"));
  }
}
