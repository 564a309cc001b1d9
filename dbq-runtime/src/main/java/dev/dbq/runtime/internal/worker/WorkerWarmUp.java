package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.InstanceFactory;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.JobState;
import dev.dbq.runtime.internal.RuntimeLoggers;
import dev.dbq.runtime.internal.WorkspaceCodec;
import dev.dbq.runtime.internal.store.Claim;
import dev.dbq.runtime.internal.store.StepOutcome;
import dev.dbq.runtime.internal.store.WorkerStore;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * What a worker does before its first claim, so that its first jobs do not pay for it: the claim
 * and batch-save statements run against the database (matching no row), one synthetic step runs
 * through the step runner with a job of its own (workspace read and written by Jackson, the job
 * context, the MDC), and Jackson builds the (de)serializers of the catalog's workspace types.
 *
 * <p>Why: in a fresh JVM the first job an idle worker runs costs ~200 ms of class loading, linking
 * and interpreted code on the claim, step and save paths, and the jobs behind it queue up; the
 * latency target holds from the first job only if that is paid at start. Nothing here runs user
 * code or changes a row: the claim looks in a queue no job can have (its name breaks the naming
 * rule), the save's rows are fenced by random ids, and the step is the warm-up's own.
 */
public final class WorkerWarmUp {
  private static final Logger log = RuntimeLoggers.of(WorkerWarmUp.class);

  /** Round trips of each statement: enough for the driver's and the pool's paths to be linked. */
  private static final int DATABASE_ROUNDS = 10;

  /** Synthetic steps: enough for the step path's hottest methods to reach the first JIT tier. */
  private static final int STEP_ROUNDS = 500;

  /** No job can be in this queue: a space breaks the queue naming rule. */
  private static final String NO_QUEUE = "dbq warm-up";

  private static final String JOB = "dbq_worker_warm_up";

  private WorkerWarmUp() {}

  /** Warms what it can; a failure is logged at DEBUG and the worker starts anyway. */
  static void run(WorkerStore store, JobCatalog catalog, List<String> names) {
    long start = System.nanoTime();
    try {
      workspaceTypes(catalog);
      steps();
      database(store, names);
      log.debug("worker warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
    } catch (Exception | LinkageError e) {
      log.debug("worker warm-up failed; the first jobs will pay for it", e);
    }
  }

  private static void workspaceTypes(JobCatalog catalog) {
    for (JobDefinition job : catalog.jobs()) {
      job.workspaceType()
          .ifPresent(
              type -> {
                // a reader and a writer for a type fetch its (de)serializers into the mapper's
                // caches at once, without creating an instance (no user code runs)
                WorkspaceCodec.mapper().readerFor(type);
                WorkspaceCodec.mapper().writerFor(type);
              });
    }
  }

  private static void steps() {
    JobDefinition job =
        JobDefinition.builder(JOB)
            .step(
                "warm_up",
                invocation -> {
                  @SuppressWarnings("unchecked")
                  java.util.Map<String, Object> ws =
                      (java.util.Map<String, Object>) invocation.workspace();
                  ws.put("warm", 2);
                  return ws;
                })
            .build();
    StepRunner runner =
        new StepRunner(
            JobCatalog.of(job),
            InstanceFactory.NEW_INSTANCE_PER_CALL,
            new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1)));
    for (int i = 0; i < STEP_ROUNDS; i++) {
      runner.run(
          new Claim(
              UUID.randomUUID(), JOB, NO_QUEUE, 0, i, 0, "{\"warm\":1}", 1, UUID.randomUUID()),
          System.nanoTime());
    }
  }

  private static void database(WorkerStore store, List<String> names) throws Exception {
    List<WorkerStore.Finished> nothing =
        List.of(
            finished(new StepOutcome.Succeeded("{\"warm\":2}", 1, JobState.COMPLETE)),
            finished(
                new StepOutcome.Retry("{\"warm\":1}", "warm-up", "trace", Duration.ofSeconds(1))),
            finished(new StepOutcome.Failed("{\"warm\":0}", "warm-up", "trace")));
    for (int i = 0; i < DATABASE_ROUNDS; i++) {
      store.claim(List.of(NO_QUEUE), names, 1);
      store.saveBatch(nothing);
      store.decodeMadeUpClaims(8);
    }
  }

  /** An outcome for a job id no row has. */
  private static WorkerStore.Finished finished(StepOutcome outcome) {
    long now = System.nanoTime();
    return new WorkerStore.Finished(
        new Claim(UUID.randomUUID(), JOB, NO_QUEUE, 0, 0, 0, "{}", 1, UUID.randomUUID()),
        outcome,
        "warm_up",
        now,
        now);
  }
}
