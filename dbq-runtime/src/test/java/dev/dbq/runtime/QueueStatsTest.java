package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Dbq#queueStats()}: each queue's runnable, scheduled and held jobs and its oldest wait. */
class QueueStatsTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();

  @Test
  void countsEachQueuesUnfinishedJobsByWhatTheyWaitForAndAgesTheOldestRunnable() throws Exception {
    TestJobBuilder.named("a").queue("q1").enqueue(db.sql);
    TestJobBuilder.named("a").queue("q1").enqueue(db.sql);
    TestJobBuilder.named("a").queue("q1").runAfter(Duration.ofHours(1)).enqueue(db.sql);
    TestJobBuilder.named("a").queue("q2").enqueue(db.sql);
    TestJobBuilder.named("a").queue("done").enqueue(db.sql);
    StoredJobs.execute(db.sql, "UPDATE dbq_job SET state = 'COMPLETE' WHERE queue_name = 'done'");
    StoredJobs.execute(
        db.sql,
        "UPDATE dbq_job SET state = 'PROCESSING', lease_expires = now() + interval '1 hour'"
            + " WHERE queue_name = 'q2'");
    StoredJobs.execute(
        db.sql,
        "UPDATE dbq_job SET created = now() - interval '5 minutes'"
            + " WHERE queue_name = 'q1' AND run_after IS NULL");

    List<QueueStats> stats = db.dbq().queueStats();

    assertEquals(2, stats.size(), "a queue with only finished jobs is absent: " + stats);
    QueueStats q1 = stats.get(0);
    assertEquals("q1", q1.queue());
    assertEquals(2, q1.runnable());
    assertEquals(1, q1.scheduled());
    assertEquals(0, q1.held());
    assertTrue(
        q1.oldestRunnableAge().compareTo(Duration.ofMinutes(5)) >= 0
            && q1.oldestRunnableAge().compareTo(Duration.ofMinutes(6)) < 0,
        q1.oldestRunnableAge().toString());
    QueueStats q2 = stats.get(1);
    assertEquals(new QueueStats("q2", 0, 0, 1, Duration.ZERO), q2);
  }
}
