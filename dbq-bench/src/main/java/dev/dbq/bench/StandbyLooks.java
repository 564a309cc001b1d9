package dev.dbq.bench;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqWorker;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * What a {@code Dbq} on a hot standby can and cannot do ({@code BenchMain standby}, for
 * docs/scaling.md "Read replicas"): a primary and a streaming standby of the bench's own ({@link
 * LocalCluster}), three jobs enqueued on the primary and replayed, then every call against the
 * standby, each printed as answered ({@code OK}) or refused with the database's first line. Not a
 * measurement: a look, with the one wait it needs (a worker given three seconds to run anything).
 */
final class StandbyLooks {
  private StandbyLooks() {}

  static void run() throws Exception {
    try (LocalCluster primaryCluster = LocalCluster.start(BenchDatabase.url());
        LocalCluster standbyCluster = LocalCluster.standbyOf(primaryCluster);
        Dbq primary = Dbq.connect(primaryCluster.url("postgres"));
        Dbq standby = Dbq.connect(standbyCluster.url("postgres"))) {
      System.out.println(
          "primary on 127.0.0.1:"
              + primaryCluster.port()
              + ", hot standby on 127.0.0.1:"
              + standbyCluster.port());
      primary.migrate();
      List<UUID> ids =
          primary.enqueueAll(
              List.of(BenchJobs.noop(), BenchJobs.noop(), BenchJobs.noop().queue("q2")));
      while (standby.findJob(ids.get(2)).isEmpty()) {
        Thread.sleep(20); // replay
      }
      check("queueDepths", () -> standby.queueDepths());
      check("queueStats", () -> standby.queueStats());
      check("countByState", () -> standby.countByState());
      check("jobs().page()", () -> standby.jobs().page().jobs().size() + " jobs");
      check("jobs().counts()", () -> standby.jobs().counts().total());
      check("findJob", () -> standby.findJob(ids.get(0)).map(j -> j.state()).orElse(null));
      check("queues().list()", () -> standby.queues().list().size() + " queues");
      check("schedules()", () -> standby.schedules().size() + " schedules");
      check("recentActivity", () -> standby.recentActivity(Duration.ofHours(1)).buckets().size());
      check("missingMigrations", () -> standby.missingMigrations());
      check("enqueue", () -> standby.enqueueAll(List.of(BenchJobs.noop())));
      check(
          "queues().pause",
          () -> {
            standby.queues().pause("q2");
            return "paused";
          });
      check("control().cancel", () -> standby.control().cancel(ids).changedCount() + " cancelled");
      check("deleteOldJobs", () -> standby.deleteOldJobs(Duration.ZERO));
      check(
          "migrate",
          () -> {
            standby.migrate();
            return "migrated";
          });
      check(
          "worker",
          () -> {
            try (DbqWorker w =
                DbqWorker.builder()
                    .dbq(standby)
                    .catalog(BenchJobs.CATALOG)
                    .shutdownGrace(Duration.ofSeconds(1))
                    .build()) {
              w.start();
              Thread.sleep(3000); // a look, not a test: does it run anything in 3 s?
              long done = primary.countByState().get(dev.dbq.runtime.JobState.COMPLETE);
              return "running="
                  + w.isRunning()
                  + ", failure="
                  + w.failure().map(Exception::getMessage)
                  + ", jobs completed on the primary after 3 s: "
                  + done;
            }
          });
    }
  }

  private static void check(String what, Callable<Object> call) {
    try {
      System.out.println("OK     " + what + ": " + call.call());
    } catch (Exception e) {
      String m = String.valueOf(e.getMessage());
      System.out.println("REFUSED " + what + ": " + m.lines().findFirst().orElse(m));
    }
  }
}
