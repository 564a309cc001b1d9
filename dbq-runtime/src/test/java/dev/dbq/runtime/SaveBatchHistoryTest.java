package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbq.runtime.internal.store.Claim;
import dev.dbq.runtime.internal.store.StepOutcome;
import dev.dbq.runtime.internal.store.WorkerStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker that records no history saves with save-batch-without-history.sql, one plain update; one
 * that records it with save-batch.sql, the same update with the history's insert. Both must leave
 * every job exactly alike: each kind of outcome, the cancel an operator asked for, and the claim
 * fence, saved in one batch through each, give the same rows.
 */
class SaveBatchHistoryTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase(4);

  private static final JobDefinition JOB =
      JobDefinition.builder("saved")
          .step("first", call -> null)
          .step("second", call -> null)
          .build();

  /** Every kind of outcome save-batch.sql knows, in the batch's order. */
  private static final List<StepOutcome> OUTCOMES =
      List.of(
          new StepOutcome.Succeeded("{\"step\": 1}", 1, JobState.READY),
          new StepOutcome.Succeeded(null, 2, JobState.COMPLETE),
          new StepOutcome.Retry("{\"tries\": 1}", "boom", "trace", Duration.ofMinutes(5)),
          new StepOutcome.Failed(null, "gave up", "trace"),
          new StepOutcome.Cancelled("{\"left\": true}", 1, "cancelled by operator"),
          // asked to stop while it ran: the READY its success would give becomes CANCELLED
          new StepOutcome.Succeeded("{\"step\": 1}", 1, JobState.READY),
          // a retry the cancel turns into CANCELLED
          new StepOutcome.Retry(null, "boom", "trace", Duration.ofMinutes(5)),
          // its claim was lost meanwhile: the fence leaves it alone
          new StepOutcome.Succeeded("{\"late\": true}", 1, JobState.READY));

  @Test
  void bothStatementsLeaveEveryKindOfOutcomeAlike() throws Exception {
    List<StoredJobs.Row> withHistory = saveEachOutcome("w-history", true);
    List<StoredJobs.Row> withoutHistory = saveEachOutcome("w-quiet", false);

    assertEquals(OUTCOMES.size(), withHistory.size());
    for (int i = 0; i < OUTCOMES.size(); i++) {
      assertEquals(
          comparable(withHistory.get(i)),
          comparable(withoutHistory.get(i)),
          "outcome " + i + ": " + OUTCOMES.get(i));
    }
    // and what they agree on is what the outcomes mean
    List<JobState> states = withoutHistory.stream().map(StoredJobs.Row::state).toList();
    assertEquals(
        List.of(
            JobState.READY,
            JobState.COMPLETE,
            JobState.READY,
            JobState.FAILED,
            JobState.CANCELLED,
            JobState.CANCELLED,
            JobState.CANCELLED,
            JobState.PROCESSING),
        states);
  }

  /**
   * Enqueues one job per outcome, claims them all, asks two of them to stop and takes the last
   * one's claim away, then saves the batch through a worker store with or without history.
   */
  private static List<StoredJobs.Row> saveEachOutcome(String workerId, boolean recordHistory)
      throws SQLException {
    StoredJobs.execute(db.sql, "DELETE FROM dbq_job");
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < OUTCOMES.size(); i++) {
      ids.add(TestJobBuilder.named("saved").priority(OUTCOMES.size() - i).enqueue(db.sql));
    }
    WorkerStore store =
        new WorkerStore(
            db.pool, workerId, Duration.ofMinutes(1), JobCatalog.of(JOB), recordHistory);
    List<Claim> claims = store.claim(List.of("default"), List.of("saved"), OUTCOMES.size());
    assertEquals(ids, claims.stream().map(Claim::id).toList(), "claimed in priority order");
    int last = OUTCOMES.size() - 1;
    StoredJobs.execute(
        db.sql,
        "UPDATE dbq_job SET cancel_requested = now() WHERE id IN ('"
            + ids.get(last - 2)
            + "', '"
            + ids.get(last - 1)
            + "')");
    StoredJobs.execute(
        db.sql,
        "UPDATE dbq_job SET claim_id = gen_random_uuid() WHERE id = '" + ids.get(last) + "'");

    long now = System.nanoTime();
    List<WorkerStore.Finished> batch = new ArrayList<>();
    for (int i = 0; i < OUTCOMES.size(); i++) {
      batch.add(new WorkerStore.Finished(claims.get(i), OUTCOMES.get(i), "first", now, now));
    }
    Set<UUID> saved = store.saveBatch(batch);

    assertEquals(
        claims.subList(0, last).stream().map(Claim::claimId).collect(Collectors.toSet()), saved);
    List<StoredJobs.Row> rows = new ArrayList<>();
    for (UUID id : ids) {
      rows.add(StoredJobs.row(db.sql, id));
    }
    return rows;
  }

  /** A row without what differs between two runs by design: its id, owner and claim. */
  private static List<Object> comparable(StoredJobs.Row row) {
    return List.of(
        row.state(),
        row.nextStep(),
        row.workspace(),
        row.attempt(),
        String.valueOf(row.lastError()),
        row.runAfterInFuture());
  }
}
