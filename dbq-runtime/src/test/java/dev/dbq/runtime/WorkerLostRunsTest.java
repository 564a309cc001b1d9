package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The poison-pill guard: a step whose runs were lost more than {@link DbqWorker#MAX_LOST_RUNS}
 * times (each lost run left the job claimed once more, as a rescue does) is failed unrun.
 */
class WorkerLostRunsTest {
  private static final int MAX_ATTEMPTS = 2;

  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  private JobMethod record(String event) {
    return call -> {
      events.add(event);
      return null;
    };
  }

  private void drain() throws Exception {
    JobDefinition job =
        JobDefinition.builder("pill")
            .maxAttempts(MAX_ATTEMPTS)
            .preStepHook(record("pre"))
            .failureHook(record("failure"))
            .postStepHook(record("post"))
            .step("swallow", record("step"))
            .build();
    DbqWorker.builder().dbq(db.dbq()).catalog(JobCatalog.of(job)).build().runUntilEmpty();
  }

  /** A waiting job whose step was claimed {@code claims} times already, none of them saved. */
  private static UUID claimedBefore(int claims) throws Exception {
    UUID id = TestJobBuilder.named("pill").enqueue(db.sql);
    StoredJobs.execute(
        db.sql,
        "UPDATE dbq_job SET state = 'READY', attempt = " + claims + " WHERE id = '" + id + "'");
    return id;
  }

  @Test
  void moreLostRunsThanTheLimitFailTheJobWithoutRunningStepOrHooks() throws Exception {
    // this claim is attempt MAX_ATTEMPTS + MAX_LOST_RUNS + 1: one lost run too many
    UUID id = claimedBefore(MAX_ATTEMPTS + DbqWorker.MAX_LOST_RUNS);

    drain();

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.FAILED, row.state());
    assertEquals(List.of(), events, "neither the step nor a hook ran");
    assertTrue(row.lastError().contains("its worker was lost at least 11 times"), row.lastError());
    assertTrue(row.lastError().contains("step 'swallow' was claimed 13 times"), row.lastError());
  }

  @Test
  void upToTheLimitTheStepRunsAgain() throws Exception {
    UUID id = claimedBefore(MAX_ATTEMPTS + DbqWorker.MAX_LOST_RUNS - 1);

    drain();

    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, id));
    assertEquals(List.of("pre", "step", "post"), events);
  }
}
