package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.internal.store.Claim;
import dev.dbq.runtime.internal.store.StepOutcome;
import dev.dbq.runtime.internal.store.WorkerStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The listing's indexes are partial on the finished states (migration V7): the hot path's insert,
 * claim and lease renewal write no entry into them, only the save that finishes a job does. Their
 * size on disk tells: an index that took one entry per row version would grow by pages.
 */
class ListingIndexesHotPathTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase(2);

  private static final JobDefinition JOB =
      JobDefinition.builder("churned").step("only", call -> null).build();
  private static final int JOBS = 3_000;
  private static final List<String> LISTING_INDEXES =
      List.of("dbq_job_listing_idx", "dbq_job_state_queue_idx", "dbq_job_workspace_idx");

  @Test
  void enqueueClaimAndRenewLeaveTheListingIndexesEmptyAndTheFinishingSaveFillsThem()
      throws SQLException {
    Map<String, Long> empty = sizes();

    List<TestJobBuilder> jobs = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      jobs.add(TestJobBuilder.of(JOB).workspace(Map.of("customer", i, "batch", "b" + i % 7)));
    }
    assertEquals(JOBS, Dbq.create(db.pool).enqueueAll(jobs).size());
    WorkerStore store =
        new WorkerStore(db.pool, "hot-path", Duration.ofMinutes(1), JobCatalog.of(JOB), true);
    List<Claim> claims = new ArrayList<>();
    List<Claim> claimed;
    do {
      claimed = store.claim(List.of(DbqWorker.DEFAULT_QUEUE), List.of("churned"), 500);
      claims.addAll(claimed);
    } while (!claimed.isEmpty());
    assertEquals(JOBS, claims.size());
    assertEquals(
        JOBS, store.renewLeases(claims.stream().map(Claim::claimId).toList()).renewed().size());

    assertEquals(empty, sizes(), "no entry for the insert, the claim or the renewal");
    assertTrue(
        sizes("dbq_job_claim_idx", "dbq_job_lease_idx").values().stream().allMatch(s -> s > 8192),
        "the live partial indexes took the live rows: the jobs are there to be indexed");

    long now = System.nanoTime();
    List<WorkerStore.Finished> batch = new ArrayList<>();
    for (Claim claim : claims) {
      batch.add(
          new WorkerStore.Finished(
              claim, new StepOutcome.Succeeded(null, 1, JobState.COMPLETE), "only", now, now));
    }
    Set<?> saved = store.saveBatch(batch);
    assertEquals(JOBS, saved.size());

    Map<String, Long> finished = sizes();
    for (String index : LISTING_INDEXES) {
      assertTrue(
          finished.get(index) > empty.get(index),
          index + " grew with the finished jobs: " + empty + " -> " + finished);
    }
  }

  private static Map<String, Long> sizes() throws SQLException {
    return sizes(LISTING_INDEXES.toArray(String[]::new));
  }

  /** Each index's size on disk, in bytes. */
  private static Map<String, Long> sizes(String... indexes) throws SQLException {
    Map<String, Long> sizes = new LinkedHashMap<>();
    try (PreparedStatement ps = db.sql.prepareStatement("SELECT pg_relation_size(?::regclass)")) {
      for (String index : indexes) {
        ps.setString(1, index);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          sizes.put(index, rs.getLong(1));
        }
      }
    }
    return sizes;
  }
}
