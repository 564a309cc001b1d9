package dev.dbq.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One run of one step of a job, as the job's history records it: every attempt of a step, and every
 * run lost with its worker, is one row, written in the same transaction as the job's own change, so
 * the history and the job never disagree. Read through {@link JobInfo#history()}.
 *
 * @param stepIndex the step's index in its job, from 0
 * @param stepName the step's name, or null when the writer could not know it (a lost run rescued by
 *     a worker whose catalog lacks the job)
 * @param attempt the attempt at this step, from 1
 * @param worker the worker that ran it, or null when unknown
 * @param started when the run started (database clock)
 * @param ended when it ended, or was found lost (database clock)
 * @param outcome how it ended
 * @param error the error's message when it failed, or null
 * @param stackTrace the error's stack trace, trimmed to a bound by the writer, or null
 */
public record StepRun(
    int stepIndex,
    String stepName,
    int attempt,
    String worker,
    Instant started,
    Instant ended,
    Outcome outcome,
    String error,
    String stackTrace) {

  /** How a step run ended. */
  public enum Outcome {
    /** The step returned; the job moved on to its next step or completed. */
    SUCCEEDED,
    /** The step (or its pre-step hook) threw and no attempt remained: the job failed. */
    FAILED,
    /** The step threw and attempts remained: the job waits to retry it. */
    RETRIED,
    /** The run's worker vanished (its lease lapsed); the job went back to waiting. */
    LOST,
    /** The worker shut down before the step finished and handed the job back. */
    STOPPED,
    /** An operator cancelled the job while the step ran. */
    CANCELLED
  }

  /**
   * Checks that started, ended and outcome are set.
   *
   * @param stepIndex the step's index in its job, from 0
   * @param stepName the step's name, or null when the writer could not know it (a lost run rescued
   *     by a worker whose catalog lacks the job)
   * @param attempt the attempt at this step, from 1
   * @param worker the worker that ran it, or null when unknown
   * @param started when the run started (database clock)
   * @param ended when it ended, or was found lost (database clock)
   * @param outcome how it ended
   * @param error the error's message when it failed, or null
   * @param stackTrace the error's stack trace, trimmed to a bound by the writer, or null
   */
  public StepRun {
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(ended, "ended");
    Objects.requireNonNull(outcome, "outcome");
  }

  /**
   * How long the run took.
   *
   * @return from {@link #started()} to {@link #ended()}
   */
  public Duration duration() {
    return Duration.between(started, ended);
  }
}
