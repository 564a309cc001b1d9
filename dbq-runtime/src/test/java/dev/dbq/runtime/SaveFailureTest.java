package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A step ran but its result could not be saved: the job is never lost. A lost connection is
 * retried; a worker cut off past its lease has the step repeated elsewhere and keeps its slot; a
 * result the database refuses fails the job instead of blocking the slot.
 */
class SaveFailureTest {
  private static final Duration BOUND = Duration.ofSeconds(30);
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase(12);
  @RegisterExtension final StartedWorkers workers = new StartedWorkers(db);

  @Test
  void connectionsKilledBetweenStepAndSaveAreReplacedAndTheStepRunsOnce() throws Exception {
    List<UUID> ran = Collections.synchronizedList(new ArrayList<>());
    JobDefinition job =
        JobDefinition.builder("killer")
            .step(
                "kill",
                call -> {
                  ran.add(call.context().id());
                  // every backend of the pool dies while the step still holds its claim
                  StoredJobs.execute(
                      db.sql,
                      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                          + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
                  return null;
                })
            .build();
    UUID id = TestJobBuilder.named("killer").enqueue(db.sql);

    DbqWorker.builder().dbq(db.dbq()).catalog(JobCatalog.of(job)).build().runUntilEmpty();

    assertEquals(List.of(id), ran);
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, id));
  }

  @Test
  void aWorkerCutOffPastItsLeaseHasTheStepRepeatedElsewhereAndKeepsItsSlot() throws Exception {
    FaultyDataSource cutOff = new FaultyDataSource(db.pool);
    List<String> runs = Collections.synchronizedList(new ArrayList<>());
    JobDefinition job =
        JobDefinition.builder("fragile")
            .step(
                "run",
                call -> {
                  String who = Thread.currentThread().getName().contains("-a-") ? "a" : "b";
                  runs.add(
                      who + ":" + call.context().id() + ":attempt " + call.context().attempt());
                  if (who.equals("a") && runs.size() == 1) {
                    cutOff.down = true; // the step is done; its save cannot reach the database
                  }
                  return null;
                })
            .build();
    DbqWorker a =
        workers.started(
            DbqWorker.builder()
                .dataSource(cutOff)
                .catalog(JobCatalog.of(job))
                .workerId("worker-a-")
                .lease(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(100)));
    UUID first = TestJobBuilder.named("fragile").enqueue(db.sql);
    Await.until("worker a ran the step", () -> runs.size() == 1, BOUND);

    DbqWorker b =
        workers.started(
            DbqWorker.builder()
                .dbq(db.dbq())
                .catalog(JobCatalog.of(job))
                .workerId("worker-b-")
                .lease(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(100)));
    Await.until(
        "the job completed", () -> StoredJobs.state(db.sql, first) == JobState.COMPLETE, BOUND);
    assertEquals(
        List.of("a:" + first + ":attempt 1", "b:" + first + ":attempt 2"),
        runs,
        "repeated once, the rescue counted as an attempt");

    b.close();
    cutOff.down = false;
    UUID second = TestJobBuilder.named("fragile").enqueue(db.sql);
    Await.until(
        "worker a ran a new job",
        () -> StoredJobs.state(db.sql, second) == JobState.COMPLETE,
        BOUND);
    assertEquals("a:" + second + ":attempt 1", runs.get(2));
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, first), "the late save was refused");
    assertTrue(a.isRunning());
  }

  @Test
  void aResultTheDatabaseRefusesFailsTheJobAndTheSlotRunsTheNext() throws Exception {
    JobDefinition job =
        JobDefinition.builder("nul")
            .step(
                "write",
                call -> {
                  if (call.context().workspace().containsKey("poison")) {
                    call.context().workspace().put("text", "a\u0000b"); // jsonb refuses NUL
                  }
                  return null;
                })
            .build();
    UUID poisoned =
        TestJobBuilder.named("nul").priority(5).workspace(Map.of("poison", true)).enqueue(db.sql);
    UUID fine = TestJobBuilder.named("nul").enqueue(db.sql);

    DbqWorker.builder().dbq(db.dbq()).catalog(JobCatalog.of(job)).build().runUntilEmpty();

    StoredJobs.Row row = StoredJobs.row(db.sql, poisoned);
    assertEquals(JobState.FAILED, row.state());
    // since issue #11 dbq refuses the NUL itself, before the database would, with the value's
    // JSON pointer; the job still fails alone and the slot runs the next
    assertEquals(
        "workspace holds a NUL character (\\u0000) in the string at '/text', which PostgreSQL's"
            + " jsonb cannot store",
        row.lastError());
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, fine));
  }

  @Test
  void anErrorMessageHoldingNulOrMegabytesIsStoredCleaned() throws Exception {
    JobDefinition job =
        JobDefinition.builder("loud")
            .step(
                "throw",
                call -> {
                  throw new IllegalStateException("bad\u0000byte" + "!".repeat(20_000));
                })
            .build();
    UUID id = TestJobBuilder.named("loud").enqueue(db.sql);

    DbqWorker.builder().dbq(db.dbq()).catalog(JobCatalog.of(job)).build().runUntilEmpty();

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.FAILED, row.state());
    assertTrue(row.lastError().startsWith("bad\\u0000byte!!!"), row.lastError());
    assertTrue(row.lastError().endsWith("... (12013 more characters)"), row.lastError());
  }
}
