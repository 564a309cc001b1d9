package dev.dbq.runtime;

import java.time.Duration;

/** What running one step of a claimed job decided; {@link WorkerStore#save} writes it. */
sealed interface StepOutcome {

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
   * @param error the message to keep in {@code last_error}
   * @param backoff how long to wait, counted on the database clock
   */
  record Retry(String error, Duration backoff) implements StepOutcome {}

  /**
   * The job failed for good.
   *
   * @param error the message to keep in {@code last_error}
   */
  record Failed(String error) implements StepOutcome {}
}
