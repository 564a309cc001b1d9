package dev.dbq.runtime.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.Await;
import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.RecurringWorkerMain;
import dev.dbq.runtime.Sql;
import dev.dbq.runtime.TestDatabase;
import dev.dbq.runtime.internal.worker.ScheduleFiring;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Recurring jobs under SIGKILL: three worker processes fire a once-a-second schedule (backfill one
 * minute); one is killed and replaced midway, then all three are killed and, after a gap longer
 * than the on-time grace (so only the backfill can recover those fire times), restarted. Every
 * second from the first fire time to the last has exactly one fire time and one job.
 */
@Tag("chaos")
class RecurringChaosTest {
  private static final Duration GAP = ScheduleFiring.ON_TIME_GRACE.plusSeconds(3);

  private static WorkerProcess worker(String url, String name) throws Exception {
    return WorkerProcess.startMain(
        name, RecurringWorkerMain.class.getName(), List.of(url, "--concurrency", "2"));
  }

  @Test
  void everyFireTimeHasExactlyOneJobThroughKillsAndADowntime() throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      try (Dbq dbq = Dbq.connect(database.url())) {
        dbq.migrate();
      }
      Sql sql = new Sql(database);
      String key = RecurringWorkerMain.SCHEDULE.key(RecurringWorkerMain.JOB);
      String fires = "SELECT count(*) FROM dbq_schedule_fire WHERE schedule_key = '" + key + "'";
      List<WorkerProcess> workers = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          workers.add(worker(database.url(), "recurring-" + i));
        }
        Await.untilThroughFailures(
            "the first fire time", () -> sql.count(fires) > 0, Duration.ofSeconds(60));
        FaultPacing.pause(Duration.ofSeconds(5));
        workers.get(1).kill();
        workers.set(1, worker(database.url(), "recurring-3"));
        FaultPacing.pause(Duration.ofSeconds(5));
        for (WorkerProcess w : workers) {
          w.kill();
        }
        long beforeGap = sql.count(fires);
        FaultPacing.pause(GAP);
        workers.clear();
        for (int i = 0; i < 3; i++) {
          workers.add(worker(database.url(), "recurring-" + (4 + i)));
        }
        long gapSeconds = GAP.toSeconds();
        Await.untilThroughFailures(
            "the gap to be backfilled",
            () -> sql.count(fires) > beforeGap + gapSeconds + 2,
            Duration.ofSeconds(60));
      } finally {
        for (WorkerProcess w : workers) {
          w.kill();
        }
      }
      long count = sql.count(fires);
      assertTrue(count > GAP.toSeconds() + 10, "fire times: " + count);
      assertEquals(
          count,
          sql.count(
              "SELECT count(DISTINCT fire_time) FROM dbq_schedule_fire WHERE schedule_key = '"
                  + key
                  + "'"),
          "no fire time twice");
      assertEquals(
          count,
          sql.count("SELECT count(*) FROM dbq_job WHERE name = '" + RecurringWorkerMain.JOB + "'"),
          "one job per fire time");
      assertEquals(
          count - 1,
          sql.count(
              "SELECT extract(epoch FROM max(fire_time) - min(fire_time))::bigint"
                  + " FROM dbq_schedule_fire WHERE schedule_key = '"
                  + key
                  + "'"),
          "no second missed between the first fire time and the last");
    }
  }
}
