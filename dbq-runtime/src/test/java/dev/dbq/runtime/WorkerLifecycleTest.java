package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A running worker: graceful stop, leases, wake-ups and the rate limit. */
public class WorkerLifecycleTest {
  private static final Duration BOUND = Duration.ofSeconds(20);
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase(12);
  @RegisterExtension final StartedWorkers workers = new StartedWorkers(db);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseSteps() {
    release.countDown();
  }

  /** A step that signals it started, then waits for {@link #release}. */
  private JobDefinition held(String name, CountDownLatch started) {
    return JobDefinition.builder(name)
        .step(
            "hold",
            call -> {
              started.countDown();
              release.await();
              call.context().workspace().put("done", true);
              return null;
            })
        .build();
  }

  @Test
  void stopMarksTheJobInFlightStoppingAndLetsItFinish() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    UUID id = TestJobBuilder.named("held").enqueue(db.sql);
    DbqWorker worker = workers.started(workers.builder(held("held", started)).build());
    assertTrue(started.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));

    worker.stop();
    Await.until("STOPPING", () -> StoredJobs.state(db.sql, id) == JobState.STOPPING, BOUND);
    release.countDown();

    assertTrue(worker.awaitTermination(BOUND));
    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.COMPLETE, row.state());
    assertEquals("{\"done\": true}", row.workspace());
    assertNull(row.claimId());
  }

  @Test
  void aStepStillRunningWhenTheGracePeriodEndsIsHandedBackReady() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    UUID id = TestJobBuilder.named("held").enqueue(db.sql);
    DbqWorker worker =
        workers.started(
            workers.builder(held("held", started)).shutdownGrace(Duration.ofMillis(100)).build());
    assertTrue(started.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));

    worker.stop();

    assertTrue(worker.awaitTermination(BOUND));
    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.READY, row.state());
    // issue #11: a run cut off by the end of the grace period ended without a saved result, so it
    // counts toward DbqWorker.MAX_LOST_RUNS (a step that always outlasts the grace would otherwise
    // run forever, one deploy after another)
    assertEquals(1, row.attempt(), "a run cut off by the grace period counts as a lost run");
    assertEquals(0, row.nextStep());
    assertNull(row.claimId());
    assertNull(row.lockOwner());
    assertTrue(row.lastError().contains("stopped before the step finished"), row.lastError());
  }

  @Test
  void aLapsedLeaseIsRescuedByAnotherWorkerAndTheOldClaimsLateSaveIsRefused() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch firstStarted = new CountDownLatch(1);
    JobDefinition job =
        JobDefinition.builder("leased")
            .step(
                "work",
                call -> {
                  if (calls.incrementAndGet() == 1) {
                    firstStarted.countDown();
                    release.await();
                    call.context().workspace().put("by", "first");
                  } else {
                    call.context().workspace().put("by", "second");
                  }
                  return null;
                })
            .build();
    UUID id = TestJobBuilder.named("leased").enqueue(db.sql);
    // a long lease: after its first tick, the first worker's heartbeat renews nothing in the test
    DbqWorker first =
        workers.started(
            workers.builder(job).workerId("first").lease(Duration.ofMinutes(30)).build());
    assertTrue(firstStarted.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    assertEquals("first", StoredJobs.row(db.sql, id).lockOwner());

    workers.started(workers.builder(job).workerId("second").lease(Duration.ofSeconds(3)).build());

    // expired again at every look: a renewal by the first worker's heartbeat that lands after
    // one expiry cannot hide the job from the second worker
    Await.until(
        "the second worker completes the job",
        () -> {
          StoredJobs.execute(
              db.sql,
              "UPDATE dbq_job SET lease_expires = now() - interval '1 hour'"
                  + " WHERE lock_owner = 'first'");
          return StoredJobs.state(db.sql, id) == JobState.COMPLETE;
        },
        BOUND);
    release.countDown();
    first.close(); // its slot saves, fenced by the old claim, before close returns

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.COMPLETE, row.state());
    assertEquals("{\"by\": \"second\"}", row.workspace());
    assertEquals(2, calls.get());
  }

  @Test
  void aNotificationWakesAnIdleWorkerLongBeforeThePollInterval() throws Exception {
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    JobDefinition job =
        JobDefinition.builder("wake")
            .step(
                "run",
                call -> {
                  ran.add((String) call.context().workspace().get("n"));
                  return null;
                })
            .build();
    DbqWorker worker =
        workers.started(
            workers.builder(job).queues("wakeq").pollInterval(Duration.ofSeconds(60)).build());
    Await.until("listening", worker::isListening, BOUND);

    for (String n : List.of("1", "2", "3")) {
      long t0 = System.nanoTime();
      TestJobBuilder.named("wake").queue("wakeq").workspace(Map.of("n", n)).enqueue(db.sql);
      Await.until("job " + n, () -> ran.contains(n), Duration.ofSeconds(5));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(millis < 5_000, "woke after " + millis + " ms");
    }
  }

  @Test
  void theListenerReconnectsAfterItsConnectionIsKilled() throws Exception {
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    JobDefinition job =
        JobDefinition.builder("wake")
            .step(
                "run",
                call -> {
                  ran.add("ran");
                  return null;
                })
            .build();
    DbqWorker worker =
        workers.started(
            workers.builder(job).queues("wakeq").pollInterval(Duration.ofSeconds(60)).build());
    Await.until("listening", worker::isListening, BOUND);

    Await.until("one listening backend", () -> listenerPid() != null, BOUND);
    Integer killed = listenerPid();
    StoredJobs.execute(db.sql, "SELECT pg_terminate_backend(" + killed + ")");
    Await.until(
        "a new listening backend",
        () -> worker.isListening() && listenerPid() != null && !killed.equals(listenerPid()),
        BOUND);
    TestJobBuilder.named("wake").queue("wakeq").enqueue(db.sql);

    Await.until("the job ran", () -> ran.size() == 1, Duration.ofSeconds(5));
  }

  /** The backend of the worker's listener connection, or null when there is none. */
  private static Integer listenerPid() throws Exception {
    try (var s = db.sql.createStatement();
        var rs =
            s.executeQuery(
                "SELECT pid FROM pg_stat_activity WHERE application_name ="
                    + " 'dbq worker listener' AND datname = current_database()")) {
      return rs.next() ? rs.getInt(1) : null;
    }
  }

  @Test
  void theRateLimitSpacesJobStarts() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    JobDefinition job =
        JobDefinition.builder("limited")
            .step(
                "run",
                call -> {
                  ran.incrementAndGet();
                  return null;
                })
            .build();
    for (int i = 0; i < 3; i++) {
      TestJobBuilder.named("limited").enqueue(db.sql);
    }
    StartClock clock = new StartClock();

    workers
        .builder(job)
        .concurrency(3)
        .rateLimit(Duration.ofMillis(300))
        .clock(clock)
        .build()
        .runUntilEmpty();

    assertEquals(3, ran.get());
    List<Long> starts = clock.startsOnSlots();
    assertEquals(3, starts.size(), "one start read per step: " + starts);
    for (int i = 1; i < starts.size(); i++) {
      long gap = starts.get(i) - starts.get(i - 1);
      assertTrue(gap >= 300, "gap " + gap + " ms between starts " + starts);
    }
  }

  /**
   * The system clock, noting each time a slot thread reads it: the worker reads its clock on a slot
   * only to record that a step starts, right before calling it, so these are the steps' starts as
   * the rate limit measures them (a step's own stamp would add its preamble's jitter).
   */
  private static final class StartClock extends Clock {
    private final Clock system = Clock.systemUTC();
    private final List<Long> startsOnSlots = Collections.synchronizedList(new ArrayList<>());

    List<Long> startsOnSlots() {
      return List.copyOf(startsOnSlots);
    }

    @Override
    public long millis() {
      long now = system.millis();
      if (Thread.currentThread().getName().contains("-slot-")) {
        startsOnSlots.add(now);
      }
      return now;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
