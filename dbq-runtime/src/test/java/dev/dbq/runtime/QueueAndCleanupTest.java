package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Queue depths, deleting old jobs, counting by state. */
class QueueAndCleanupTest {
  private static final JobDefinition JOB =
      JobDefinition.builder("work").step("run", Invocation::workspace).build();

  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  private static UUID enqueue(String queue) {
    return TestJobBuilder.of(JOB).queue(queue).enqueue(db.dbq);
  }

  private static void set(UUID id, String assignments) {
    db.sql.execute("UPDATE dbq_job SET " + assignments + " WHERE id = '" + id + "'");
  }

  @Test
  void countsNewAndReadyJobsPerQueueSortedByName() {
    enqueue("zeta");
    enqueue("alpha");
    enqueue("alpha");
    set(enqueue("alpha"), "state = 'READY'");

    Map<String, Long> depths = db.dbq.queueDepths();

    assertEquals(Map.of("alpha", 3L, "zeta", 1L), depths);
    assertEquals(List.of("alpha", "zeta"), new ArrayList<>(depths.keySet()));
  }

  @Test
  void queuesWithNoWaitingJobAreAbsent() {
    for (String state : List.of("PROCESSING", "STOPPING", "COMPLETE", "FAILED")) {
      set(enqueue("busy"), "state = '" + state + "'");
    }
    enqueue("waiting");

    assertEquals(Map.of("waiting", 1L), db.dbq.queueDepths());
  }

  @Test
  void futureJobsCountUnlessExcluded() {
    TestJobBuilder.of(JOB).queue("later").runAfter(Duration.ofHours(3)).enqueue(db.dbq);
    TestJobBuilder.of(JOB)
        .queue("later")
        .runAfter(java.time.Instant.now().minus(Duration.ofHours(3)))
        .enqueue(db.dbq);
    TestJobBuilder.of(JOB).queue("only_future").runAfter(Duration.ofHours(3)).enqueue(db.dbq);

    assertEquals(Map.of("later", 2L, "only_future", 1L), db.dbq.queueDepths());
    assertEquals(Map.of("later", 2L, "only_future", 1L), db.dbq.queueDepths(false));
    assertEquals(Map.of("later", 1L), db.dbq.queueDepths(true));
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

    assertEquals(3, db.dbq.deleteOldJobs(Duration.ofHours(24)));

    List<String> left = db.sql.column("SELECT id FROM dbq_job ORDER BY seq");
    assertEquals(
        List.of(oldNew, oldReady, oldProcessing, recentComplete).stream()
            .map(UUID::toString)
            .toList(),
        left);
    assertEquals(0, db.dbq.deleteOldJobs(Duration.ofHours(24)), "nothing left to delete");
    assertEquals(1, db.dbq.deleteOldJobs(Duration.ofHours(22)));
  }

  @Test
  void aNegativeAgeIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> db.dbq.deleteOldJobs(Duration.ofHours(-1)));
  }

  @Test
  void findJobOfAnUnknownIdIsEmpty() {
    assertEquals(java.util.Optional.empty(), db.dbq.findJob(UUID.randomUUID()));
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
    assertEquals(expected, db.dbq.countByState());
  }
}
