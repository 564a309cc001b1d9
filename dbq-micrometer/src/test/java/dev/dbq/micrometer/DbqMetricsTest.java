package dev.dbq.micrometer;

import static dev.dbq.micrometer.TestJobs.BROKEN;
import static dev.dbq.micrometer.TestJobs.CATALOG;
import static dev.dbq.micrometer.TestJobs.FLAKY;
import static dev.dbq.micrometer.TestJobs.TWO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.testsupport.FreshDatabase;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link DbqMetrics} against a real worker and PostgreSQL, read from a SimpleMeterRegistry. */
class DbqMetricsTest {
  private static final Duration BOUND = Duration.ofSeconds(20);

  @RegisterExtension static final FreshDatabase db = new FreshDatabase();

  private final MeterRegistry registry = new SimpleMeterRegistry();

  private DbqMetrics metrics() {
    return DbqMetrics.builder(registry, CATALOG)
        .queueStats(db.dbq())
        .queueStatsEvery(Duration.ofNanos(1))
        .build();
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  private long timerCount(String name, String... tags) {
    return registry.get(name).tags(tags).timer().count();
  }

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  @Test
  void everyJobAndStepMeterIsRegisteredAtZeroBeforeTheFirstRun() {
    metrics();

    for (String job : List.of("two", "broken", "flaky")) {
      assertEquals(0, counter("dbq.jobs.enqueued", "job", job, "queue", "default"));
      assertEquals(0, counter("dbq.job.retries", "job", job, "queue", "default"));
      assertEquals(0, counter("dbq.jobs.rescued", "job", job, "queue", "default"));
      assertEquals(0, timerCount("dbq.job.start.delay", "job", job, "queue", "default"));
      for (String outcome : List.of("complete", "failed")) {
        assertEquals(
            0, timerCount("dbq.job.duration", "job", job, "queue", "default", "outcome", outcome));
      }
      assertEquals(
          0, registry.get("dbq.jobs.active").tags("job", job).longTaskTimer().activeTasks());
    }
    for (String step : List.of("a", "b")) {
      for (String outcome : List.of("succeeded", "retrying", "failed")) {
        assertEquals(
            0,
            timerCount(
                "dbq.step.duration",
                "job",
                "two",
                "step",
                step,
                "queue",
                "default",
                "outcome",
                outcome));
      }
    }
    assertEquals(0, registry.get("dbq.claim.batch").summary().count());
    assertEquals(0, registry.get("dbq.claim.duration").timer().count());
    assertEquals(0, counter("dbq.lease.renewal.failures"));
    assertEquals(0, counter("dbq.wakeups", "source", "notify"));
    assertEquals(0, counter("dbq.wakeups", "source", "poll"));
    assertEquals(0, gauge("dbq.worker.slots", "state", "busy"));
    assertEquals(0, gauge("dbq.worker.slots", "state", "idle"));
    for (String state : List.of("runnable", "scheduled", "held")) {
      assertEquals(0, gauge("dbq.queue.depth", "queue", "default", "state", state));
    }
    assertEquals(
        0, registry.get("dbq.queue.oldest.age").tags("queue", "default").timeGauge().value());
  }

  @Test
  void countsEqualTheJobsRunAndEachOutcomeIsTaggedAsItEnded() throws Exception {
    DbqMetrics metrics = metrics();
    db.dbq().addListener(metrics);
    try {
      db.dbq()
          .enqueueAll(
              List.of(new Job(TWO), new Job(TWO), new Job(TWO), new Job(BROKEN), new Job(FLAKY)));
      assertEquals(5, gauge("dbq.queue.depth", "queue", "default", "state", "runnable"));
      assertTrue(
          registry.get("dbq.queue.oldest.age").tags("queue", "default").timeGauge().value() >= 0);
      DbqWorker worker =
          DbqWorker.builder()
              .dbq(db.dbq())
              .catalog(CATALOG)
              .concurrency(2)
              .listener(metrics)
              .build();

      assertEquals(8, worker.runUntilEmpty());
    } finally {
      db.dbq().removeListener(metrics);
    }

    assertEquals(3, counter("dbq.jobs.enqueued", "job", "two", "queue", "default"));
    assertEquals(1, counter("dbq.jobs.enqueued", "job", "broken", "queue", "default"));
    assertEquals(1, counter("dbq.jobs.enqueued", "job", "flaky", "queue", "default"));
    assertEquals(3, stepCount("two", "a", "succeeded"));
    assertEquals(3, stepCount("two", "b", "succeeded"));
    assertEquals(0, stepCount("two", "a", "failed"));
    assertEquals(1, stepCount("broken", "only", "failed"));
    assertEquals(1, stepCount("flaky", "only", "retrying"));
    assertEquals(0, stepCount("flaky", "only", "failed"));
    assertEquals(3, jobCount("two", "complete"));
    assertEquals(1, jobCount("broken", "failed"));
    assertEquals(0, jobCount("flaky", "failed"), "its retry is still ahead");
    assertEquals(1, counter("dbq.job.retries", "job", "flaky", "queue", "default"));
    assertEquals(0, counter("dbq.job.retries", "job", "two", "queue", "default"));
    assertEquals(3, timerCount("dbq.job.start.delay", "job", "two", "queue", "default"));
    assertEquals(
        8,
        (long) registry.get("dbq.claim.batch").summary().totalAmount(),
        "every job claimed once per step");
    assertTrue(registry.get("dbq.claim.duration").timer().count() >= 1);
    Timer completed =
        registry
            .get("dbq.job.duration")
            .tags("job", "two", "queue", "default", "outcome", "complete")
            .timer();
    assertTrue(completed.totalTime(TimeUnit.NANOSECONDS) > 0);
    assertEquals(
        0, registry.get("dbq.jobs.active").tags("job", "two").longTaskTimer().activeTasks());
    assertEquals(0, gauge("dbq.worker.slots", "state", "busy"));
    assertEquals(0, gauge("dbq.worker.slots", "state", "idle"), "the worker stopped");
    assertEquals(0, gauge("dbq.queue.depth", "queue", "default", "state", "runnable"));
    assertEquals(1, gauge("dbq.queue.depth", "queue", "default", "state", "scheduled"));
  }

  @Test
  void noTagNamesAJobIdOrAWorker() throws Exception {
    DbqMetrics metrics = metrics();
    db.dbq().addListener(metrics);
    try {
      db.dbq().enqueueAll(List.of(new Job(TWO), new Job(BROKEN)));
      DbqWorker.builder().dbq(db.dbq()).catalog(CATALOG).listener(metrics).build().runUntilEmpty();
    } finally {
      db.dbq().removeListener(metrics);
    }
    Set<String> allowed = Set.of("job", "step", "queue", "outcome", "state", "source");
    for (Meter meter : registry.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        assertTrue(allowed.contains(tag.getKey()), meter.getId().toString());
      }
    }
  }

  @Test
  void aWorkersSlotsShowBusyWhileAStepRunsAndItsWakeUpsBySource() throws Exception {
    DbqMetrics metrics = metrics();
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    JobDefinition blocking =
        JobDefinition.builder("two")
            .step(
                "a",
                call -> {
                  running.countDown();
                  release.await();
                  return null;
                })
            .step("b", call -> null)
            .build();
    try (DbqWorker worker =
        DbqWorker.builder()
            .dbq(db.dbq())
            .catalog(JobCatalog.of(blocking))
            .concurrency(3)
            .pollInterval(Duration.ofMillis(100))
            .listener(metrics)
            .build()) {
      worker.start();
      await("a poll", () -> counter("dbq.wakeups", "source", "poll") > 0);
      // the listener connects in the background: a notification counts once it listens
      await(
          "a notification",
          () -> {
            if (running.getCount() > 0) {
              new Job(TWO).enqueue(db.dbq());
            }
            return running.await(100, TimeUnit.MILLISECONDS);
          });
      assertEquals(1, gauge("dbq.worker.slots", "state", "busy"));
      assertEquals(2, gauge("dbq.worker.slots", "state", "idle"));
      assertEquals(
          1, registry.get("dbq.jobs.active").tags("job", "two").longTaskTimer().activeTasks());
      release.countDown();
      await("the notification counted", () -> counter("dbq.wakeups", "source", "notify") > 0);
    }
  }

  private long stepCount(String job, String step, String outcome) {
    Timer timer =
        registry
            .find("dbq.step.duration")
            .tags("job", job, "step", step, "queue", "default", "outcome", outcome)
            .timer();
    assertNotNull(timer, job + "/" + step + "/" + outcome + " was registered up front");
    return timer.count();
  }

  private long jobCount(String job, String outcome) {
    return timerCount("dbq.job.duration", "job", job, "queue", "default", "outcome", outcome);
  }

  private static void await(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10); // a bounded poll of the condition, not a wait for time to pass
    }
  }
}
