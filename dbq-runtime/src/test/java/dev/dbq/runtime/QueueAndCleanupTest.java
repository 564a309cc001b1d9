package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Queue depths, deleting old jobs, counting by state. */
class QueueAndCleanupTest {
  private static final JobDefinition JOB =
      JobDefinition.builder("work").step("run", Invocation::workspace).build();

  private static MigratedDatabase db;
  private static Dbq dbq;
  private static Sql sql;

  @BeforeAll
  static void start() {
    db = MigratedDatabase.open();
    dbq = db.dbq;
    sql = db.sql;
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  @BeforeEach
  void empty() {
    db.empty();
  }

  private static UUID enqueue(String queue) {
    return TestJobBuilder.of(JOB).queue(queue).enqueue(dbq);
  }

  private static void set(UUID id, String assignments) {
    sql.execute("UPDATE dbq_job SET " + assignments + " WHERE id = '" + id + "'");
  }

  @Test
  void countsNewAndReadyJobsPerQueueSortedByName() {
    enqueue("zeta");
    enqueue("alpha");
    enqueue("alpha");
    set(enqueue("alpha"), "state = 'READY'");

    Map<String, Long> depths = dbq.queueDepths();

    assertEquals(Map.of("alpha", 3L, "zeta", 1L), depths);
    assertEquals(List.of("alpha", "zeta"), new ArrayList<>(depths.keySet()));
  }

  @Test
  void queuesWithNoWaitingJobAreAbsent() {
    for (String state : List.of("PROCESSING", "STOPPING", "COMPLETE", "FAILED")) {
      set(enqueue("busy"), "state = '" + state + "'");
    }
    enqueue("waiting");

    assertEquals(Map.of("waiting", 1L), dbq.queueDepths());
  }

  @Test
  void futureJobsCountUnlessExcluded() {
    TestJobBuilder.of(JOB).queue("later").runAfter(Duration.ofHours(3)).enqueue(dbq);
    TestJobBuilder.of(JOB)
        .queue("later")
        .runAfter(java.time.Instant.now().minus(Duration.ofHours(3)))
        .enqueue(dbq);
    TestJobBuilder.of(JOB).queue("only_future").runAfter(Duration.ofHours(3)).enqueue(dbq);

    assertEquals(Map.of("later", 2L, "only_future", 1L), dbq.queueDepths());
    assertEquals(Map.of("later", 2L, "only_future", 1L), dbq.queueDepths(false));
    assertEquals(Map.of("later", 1L), dbq.queueDepths(true));
  }

  @Test
  void deletesFinishedAndStoppingJobsOlderThanTheAge() {
    UUID complete = enqueue("q");
    UUID failed = enqueue("q");
    UUID stopping = enqueue("q");
    UUID oldNew = enqueue("q");
    UUID oldReady = enqueue("q");
    UUID oldProcessing = enqueue("q");
    UUID recentComplete = enqueue("q");
    set(complete, "state = 'COMPLETE', created = now() - interval '25 hours'");
    set(failed, "state = 'FAILED', created = now() - interval '25 hours'");
    set(stopping, "state = 'STOPPING', created = now() - interval '25 hours'");
    set(oldNew, "created = now() - interval '25 hours'");
    set(oldReady, "state = 'READY', created = now() - interval '25 hours'");
    set(oldProcessing, "state = 'PROCESSING', created = now() - interval '25 hours'");
    set(recentComplete, "state = 'COMPLETE', created = now() - interval '23 hours'");

    assertEquals(3, dbq.deleteOldJobs(Duration.ofHours(24)));

    List<String> left = sql.column("SELECT id FROM dbq_job ORDER BY seq");
    assertEquals(
        List.of(oldNew, oldReady, oldProcessing, recentComplete).stream()
            .map(UUID::toString)
            .toList(),
        left);
    assertEquals(0, dbq.deleteOldJobs(Duration.ofHours(24)), "nothing left to delete");
    assertEquals(1, dbq.deleteOldJobs(Duration.ofHours(22)));
  }

  @Test
  void aNegativeAgeIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> dbq.deleteOldJobs(Duration.ofHours(-1)));
  }

  @Test
  void findJobOfAnUnknownIdIsEmpty() {
    assertEquals(java.util.Optional.empty(), dbq.findJob(UUID.randomUUID()));
  }

  @Test
  void countByStateHasEveryState() {
    enqueue("q");
    enqueue("q");
    set(enqueue("q"), "state = 'FAILED'");

    Map<JobState, Long> expected = new EnumMap<>(JobState.class);
    for (JobState state : JobState.values()) {
      expected.put(state, 0L);
    }
    expected.put(JobState.NEW, 2L);
    expected.put(JobState.FAILED, 1L);
    assertEquals(expected, dbq.countByState());
  }
}
