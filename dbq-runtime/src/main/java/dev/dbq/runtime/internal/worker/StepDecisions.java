package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.JobState;
import dev.dbq.runtime.StepDefinition;
import dev.dbq.runtime.WorkspaceException;
import dev.dbq.runtime.internal.ErrorText;
import dev.dbq.runtime.internal.RuntimeLoggers;
import dev.dbq.runtime.internal.StackTraceText;
import dev.dbq.runtime.internal.WorkspaceCodec;
import dev.dbq.runtime.internal.store.Claim;
import dev.dbq.runtime.internal.store.StepOutcome;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;

/**
 * What a step's run comes to, for {@link StepRunner}: succeeded, retried, failed or cancelled, and
 * the workspace saved with it. It logs under {@link StepRunner}'s logger, the name users configure.
 */
final class StepDecisions {

  private static final Logger log = RuntimeLoggers.of(StepRunner.class);

  private final RetryBackoff backoff;

  StepDecisions(RetryBackoff backoff) {
    this.backoff = backoff;
  }

  /** The decided outcome with the workspace the hooks left, or a failure if it cannot be saved. */
  static StepOutcome withWorkspace(
      Claim claim,
      JobDefinition job,
      StepDefinition step,
      StepOutcome decided,
      Object workspace,
      String keptJson) {
    String json = keptJson;
    String unsavable = null;
    String unsavableTrace = null;
    if (json == null) {
      try {
        json = WorkspaceCodec.toJson(workspace);
      } catch (WorkspaceException e) {
        unsavableTrace = StackTraceText.of(e);
        unsavable =
            ErrorText.clean(
                "the workspace that step '"
                    + step.name()
                    + "' and the hooks of job '"
                    + job.name()
                    + "' left cannot be saved: "
                    + e.getMessage());
      }
    }
    if (decided instanceof StepOutcome.Succeeded s) {
      if (unsavable != null) {
        log.error("job {} FAILED: {}", claim.id(), unsavable);
        return new StepOutcome.Failed(null, unsavable, unsavableTrace);
      }
      return new StepOutcome.Succeeded(json, s.nextStep(), s.state());
    }
    if (unsavable != null) {
      // the step failed already; its outcome stands and the stored workspace is kept
      log.warn("job {}: {}; the stored workspace is kept", claim.id(), unsavable);
    }
    if (decided instanceof StepOutcome.Retry r) {
      return new StepOutcome.Retry(json, r.error(), r.stackTrace(), r.backoff());
    }
    if (decided instanceof StepOutcome.Cancelled c) {
      // a workspace that cannot be saved leaves the step to be run again, should it be retried
      return unsavable == null
          ? new StepOutcome.Cancelled(json, c.nextStep(), c.error())
          : new StepOutcome.Cancelled(null, claim.stepIndex(), c.error());
    }
    StepOutcome.Failed f = (StepOutcome.Failed) decided;
    return new StepOutcome.Failed(json, f.error(), f.stackTrace());
  }

  /** The outcome without its workspace: what the hooks will see as the state to be saved. */
  StepOutcome decide(Claim claim, JobDefinition job, int stepCount, Throwable failure) {
    if (failure == null) {
      int next = claim.stepIndex() + 1;
      return new StepOutcome.Succeeded(
          null, next, next < stepCount ? JobState.READY : JobState.COMPLETE);
    }
    return failed(claim, job, failure);
  }

  /**
   * A step past its timeout fails with the timeout as its error, whatever it did once interrupted
   * (threw, or returned late); what it threw is the cause.
   */
  static Throwable timedOut(Claim claim, JobDefinition job, Duration timeout, Throwable thrown) {
    TimeoutException e =
        new TimeoutException(
            StepRunner.stepOf(claim, job)
                + " timed out after "
                + StepWatch.text(timeout)
                + " and was interrupted");
    if (thrown != null) {
      e.initCause(thrown);
    }
    return e;
  }

  /** The job ends CANCELLED: at the next step when this one finished, at this one otherwise. */
  static StepOutcome cancelled(
      Claim claim, JobDefinition job, Throwable failure, StepWatch.Deadline deadline) {
    String how =
        failure == null
            ? "finished"
            : deadline == StepWatch.Deadline.CANCEL
                ? "was interrupted after the grace period"
                : "stopped (" + StepRunner.message(failure) + ")";
    String error =
        ErrorText.clean("cancelled by an operator: " + StepRunner.stepOf(claim, job) + " " + how);
    log.info("job {} {} CANCELLED: {}", claim.id(), job.name(), error);
    return new StepOutcome.Cancelled(
        null, failure == null ? claim.stepIndex() + 1 : claim.stepIndex(), error);
  }

  private StepOutcome failed(Claim claim, JobDefinition job, Throwable t) {
    String error = StepRunner.message(t);
    String step = StepRunner.stepOf(claim, job);
    if (t instanceof InterruptedException) {
      // only a shutdown past its grace period interrupts a slot, after handing the job back:
      // the save that follows is refused
      log.warn(
          "job {} {}: {} was interrupted by the worker's shutdown", claim.id(), job.name(), step);
    }
    if (claim.attempt() < job.maxAttempts()) {
      Duration wait = backoff.after(claim.attempt());
      log.warn(
          "job {} {} failed in {}, attempt {} of {}, retrying in {}: {}",
          claim.id(),
          job.name(),
          step,
          claim.attempt(),
          job.maxAttempts(),
          wait,
          error,
          t);
      return new StepOutcome.Retry(null, error, StackTraceText.of(t), wait);
    }
    log.error(
        "job {} {} failed in {}, attempt {} of {}: {}",
        claim.id(),
        job.name(),
        step,
        claim.attempt(),
        job.maxAttempts(),
        error,
        t);
    return new StepOutcome.Failed(null, error, StackTraceText.of(t));
  }

  static StepOutcome failedUnrunnable(Claim claim, String error) {
    log.error("job {} {} FAILED without running: {}", claim.id(), claim.name(), error);
    return new StepOutcome.Failed(null, error, null);
  }
}
