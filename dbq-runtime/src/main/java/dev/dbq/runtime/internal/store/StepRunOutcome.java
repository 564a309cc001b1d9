package dev.dbq.runtime.internal.store;

/**
 * How one run of a step ended, as {@code dbq_step_run.outcome} stores it (the names are the stored
 * values; the migration's comments say what each means).
 */
public enum StepRunOutcome {
  /** The step returned; the job moved on to its next step or completed. */
  SUCCEEDED,
  /** The step threw and attempts remain: the job waits for its backoff. */
  RETRIED,
  /** The job failed for good at this step. */
  FAILED,
  /** The run ended without a result: its lease lapsed, or its worker hit a fatal error. */
  LOST,
  /** The worker's shutdown ended the run and handed the job back. */
  STOPPED,
  /** An operator's cancel ended the run. */
  CANCELLED
}
