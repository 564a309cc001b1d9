package dev.dbq.runtime.internal.store;

import dev.dbq.runtime.JobState;
import java.time.Duration;

/**
 * What running one step of a claimed job decided; {@link WorkerStore#saveBatch} writes it. Every
 * outcome carries the workspace as the step and its hooks left it, saved in the same statement as
 * the state (django-db-queue saves the job only after both hooks ran, also when it failed).
 */
public sealed interface StepOutcome {

  /**
   * @return the workspace to store, or null to keep the stored one (a job failed before its
   *     workspace could be read, or whose workspace could not be saved)
   */
  String workspaceJson();

  /**
   * The step succeeded.
   *
   * @param workspaceJson the workspace to keep
   * @param nextStep the index of the step to run next
   * @param state {@link JobState#READY} when steps remain, {@link JobState#COMPLETE} otherwise
   */
  record Succeeded(String workspaceJson, int nextStep, JobState state) implements StepOutcome {}

  /**
   * The step failed and may be tried again.
   *
   * @param workspaceJson the workspace to keep, or null to keep the stored one
   * @param error the message to keep in {@code last_error}
   * @param backoff how long to wait, counted on the database clock
   */
  record Retry(String workspaceJson, String error, Duration backoff) implements StepOutcome {}

  /**
   * The job failed for good.
   *
   * @param workspaceJson the workspace to keep, or null to keep the stored one
   * @param error the message to keep in {@code last_error}
   */
  record Failed(String workspaceJson, String error) implements StepOutcome {}

  /**
   * An operator cancelled the job while the step ran (or before it started).
   *
   * @param workspaceJson the workspace to keep, or null to keep the stored one
   * @param nextStep the step to run should the job be retried: the next when this one finished,
   *     this one otherwise
   * @param error what to keep in {@code last_error}: how the cancel ended the step
   */
  record Cancelled(String workspaceJson, int nextStep, String error) implements StepOutcome {}

  /** The state this outcome saves. */
  default JobState state() {
    if (this instanceof Succeeded s) {
      return s.state();
    }
    if (this instanceof Cancelled) {
      return JobState.CANCELLED;
    }
    return this instanceof Retry ? JobState.READY : JobState.FAILED;
  }
}
