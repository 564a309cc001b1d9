package dev.dbq.runtime.internal.store;

import dev.dbq.runtime.JobState;
import java.sql.SQLException;
import java.util.List;

/**
 * The parameters of {@link SqlStatement#SAVE_BATCH} but the clock offsets: one array per column,
 * one element per finished step, in the batch's order ({@link WorkerStore#saveBatch}).
 */
final class SaveBatchColumns {
  private final Object[] ids;
  private final Object[] claimIds;
  private final String[] kinds;
  private final String[] workspaces;
  private final Integer[] nextSteps;
  private final String[] states;
  private final Long[] backoffs;
  private final String[] errors;
  private final Integer[] stepIndexes;
  private final String[] stepNames;
  private final Integer[] attempts;
  private final String[] outcomes;
  private final String[] stackTraces;

  SaveBatchColumns(List<WorkerStore.Finished> batch) {
    int n = batch.size();
    ids = new Object[n];
    claimIds = new Object[n];
    kinds = new String[n];
    workspaces = new String[n];
    nextSteps = new Integer[n];
    states = new String[n];
    backoffs = new Long[n];
    errors = new String[n];
    stepIndexes = new Integer[n];
    stepNames = new String[n];
    attempts = new Integer[n];
    outcomes = new String[n];
    stackTraces = new String[n];
    for (int i = 0; i < n; i++) {
      WorkerStore.Finished f = batch.get(i);
      ids[i] = f.claim().id();
      claimIds[i] = f.claim().claimId();
      workspaces[i] = f.outcome().workspaceJson();
      stepIndexes[i] = f.claim().stepIndex();
      stepNames[i] = f.stepName();
      attempts[i] = f.claim().attempt();
      outcomes[i] = f.outcome().runOutcome().name();
      if (f.outcome() instanceof StepOutcome.Succeeded s) {
        kinds[i] = "S";
        nextSteps[i] = s.nextStep();
        states[i] = s.state().name();
      } else if (f.outcome() instanceof StepOutcome.Retry r) {
        kinds[i] = "R";
        states[i] = JobState.READY.name();
        backoffs[i] = r.backoff().toMillis();
        errors[i] = r.error();
        stackTraces[i] = r.stackTrace();
      } else if (f.outcome() instanceof StepOutcome.Cancelled x) {
        kinds[i] = "C";
        nextSteps[i] = x.nextStep();
        states[i] = JobState.CANCELLED.name();
        errors[i] = x.error();
      } else {
        StepOutcome.Failed failed = (StepOutcome.Failed) f.outcome();
        kinds[i] = "F";
        states[i] = JobState.FAILED.name();
        errors[i] = failed.error();
        stackTraces[i] = failed.stackTrace();
      }
    }
  }

  /**
   * Binds the arrays to their named parameters: the outcome's, and the history's too when {@code
   * withHistory} ({@link SqlStatement#SAVE_BATCH}; {@link SqlStatement#SAVE_BATCH_WITHOUT_HISTORY}
   * has none of them).
   */
  NamedStatement bindTo(NamedStatement ps, boolean withHistory) throws SQLException {
    ps.setArray("ids", "uuid", ids)
        .setArray("claim_ids", "uuid", claimIds)
        .setArray("kinds", "text", kinds)
        .setArray("workspaces", "text", workspaces)
        .setArray("next_steps", "int4", nextSteps)
        .setArray("states", "text", states)
        .setArray("backoff_millis", "int8", backoffs)
        .setArray("errors", "text", errors);
    if (!withHistory) {
      return ps;
    }
    return ps.setArray("step_indexes", "int4", stepIndexes)
        .setArray("step_names", "text", stepNames)
        .setArray("attempts", "int4", attempts)
        .setArray("outcomes", "text", outcomes)
        .setArray("stack_traces", "text", stackTraces);
  }
}
