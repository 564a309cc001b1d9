package dev.dbq.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a {@link DbqListener} is told: one record per kind of event, each a plain value. Records
 * carry names and numbers only (and a step's trace context), never a workspace, so a listener
 * cannot hold on to job data.
 *
 * <p>New components may be added to these records in later versions (a listener reads them; only
 * dbq creates them).
 */
public sealed interface DbqEvent {

  /**
   * A job as an event names it.
   *
   * @param id the job's id
   * @param name the job's name
   * @param queue its queue
   */
  record JobRef(UUID id, String name, String queue) {}

  /**
   * One step's run on a worker, as {@link StepStarted} and {@link StepEnded} name it.
   *
   * @param job the job
   * @param stepIndex the step's index, 0 for the first
   * @param stepName the step's name from the catalog ({@code "?"} when the catalog no longer has
   *     it)
   * @param attempt the attempt at this step, 1 for the first
   * @param workerId the worker running it
   */
  record RunningStep(JobRef job, int stepIndex, String stepName, int attempt, String workerId) {}

  /**
   * One job of an {@link Enqueued} event.
   *
   * @param job the job
   * @param priority its priority
   * @param runAfter when it may run first, or null for at once
   */
  record EnqueuedJob(JobRef job, int priority, Instant runAfter) {}

  /**
   * Jobs were enqueued, on the enqueuing thread, right after the statement that wrote them. Through
   * a {@link Dbq} they are committed; through a caller's {@link java.sql.Connection} they commit
   * with the caller's transaction, or not at all.
   *
   * @param jobs the jobs written, in the order given (one element for a single enqueue); empty when
   *     every job of the enqueue was a duplicate
   * @param inCallersTransaction whether they were written in the caller's transaction
   * @param duplicates the unique jobs of the enqueue that were not written because a job with the
   *     same key was in a refusing state (see {@link Uniqueness}), in the order given: each with
   *     the existing job's id, and the name, queue, priority and run time the enqueue asked for;
   *     empty when there was none
   */
  record Enqueued(
      List<EnqueuedJob> jobs, boolean inCallersTransaction, List<EnqueuedJob> duplicates)
      implements DbqEvent {
    /**
     * An enqueue without duplicates.
     *
     * @param jobs the jobs written
     * @param inCallersTransaction whether they were written in the caller's transaction
     */
    public Enqueued(List<EnqueuedJob> jobs, boolean inCallersTransaction) {
      this(jobs, inCallersTransaction, List.of());
    }

    /**
     * Copies the lists.
     *
     * @param jobs the jobs written
     * @param inCallersTransaction whether they were written in the caller's transaction
     * @param duplicates the jobs not written, each with the existing job's id
     */
    public Enqueued {
      jobs = List.copyOf(jobs);
      duplicates = List.copyOf(duplicates);
    }
  }

  /**
   * A worker started claiming.
   *
   * @param workerId its id
   * @param queues the queues it serves
   * @param concurrency its slots
   */
  record WorkerStarted(String workerId, List<String> queues, int concurrency) implements DbqEvent {}

  /**
   * A worker stopped: its shutdown sequence is over.
   *
   * @param workerId its id
   * @param concurrency its slots (no longer in use)
   * @param stepsRun the steps it ran
   */
  record WorkerStopped(String workerId, int concurrency, long stepsRun) implements DbqEvent {}

  /** Why an idle worker looked for jobs. */
  enum WakeUpSource {
    /** A notification of an enqueue in one of its queues. */
    NOTIFY,
    /** Its poll interval passed without one. */
    POLL
  }

  /**
   * An idle worker woke up to look for jobs.
   *
   * @param workerId the worker
   * @param source why
   */
  record WokeUp(String workerId, WakeUpSource source) implements DbqEvent {}

  /**
   * A worker ran its claim statement, on its claim thread.
   *
   * @param workerId the worker
   * @param wanted how many jobs it asked for
   * @param claimed how many it got
   * @param duration how long the statement took
   */
  record Claimed(String workerId, int wanted, int claimed, Duration duration) implements DbqEvent {}

  /**
   * A step is about to run (before its pre-step hook), on the thread that runs it.
   *
   * @param run the step's run
   * @param startDelay for the first attempt at a job's first step, the time from when it became
   *     runnable (the later of its creation and its {@code runAfter}) to its claim, by the database
   *     clock; otherwise null
   * @param traceContext the trace context an {@link EnqueueInterceptor} stored with the job when it
   *     was enqueued (a propagator's fields, such as W3C {@code traceparent}), read from the job's
   *     row at the claim and parsed at the first look; empty when none was stored
   */
  record StepStarted(RunningStep run, Duration startDelay, Map<String, String> traceContext)
      implements DbqEvent {
    /**
     * A step start without a trace context.
     *
     * @param run the step's run
     * @param startDelay as in the canonical constructor
     */
    public StepStarted(RunningStep run, Duration startDelay) {
      this(run, startDelay, Map.of());
    }
  }

  /** How a step's run ended. */
  enum StepResult {
    /** The step succeeded; the job goes on to its next step, or is complete. */
    SUCCEEDED,
    /** The step failed and will be tried again. */
    RETRYING,
    /** The step failed for good; so did the job. */
    FAILED,
    /** The step was stopped because its job was cancelled; the job is CANCELLED. */
    CANCELLED,
    /**
     * The run ended without a result to save (a fatal error such as {@code OutOfMemoryError}): the
     * job goes back to READY, handed back or when its lease lapses, and the run counts as lost.
     */
    LOST
  }

  /**
   * A step's run ended (after its post-step hook), on the thread that ran it, before its result is
   * saved. A result that cannot be saved (the lease lapsed) runs again elsewhere.
   *
   * @param run the step's run
   * @param result how it ended; every start has an end, {@link StepResult#LOST} when there was no
   *     result
   * @param duration how long the step and its hooks took
   * @param error the failure's message, or null when it succeeded
   */
  record StepEnded(RunningStep run, StepResult result, Duration duration, String error)
      implements DbqEvent {}

  /**
   * A failed step's retry was saved: the job is READY again and waits for {@code backoff}.
   *
   * @param job the job
   * @param stepIndex the step that failed
   * @param attempt the attempt that failed
   * @param backoff the wait before the next attempt
   * @param error the failure's message
   */
  record RetryScheduled(JobRef job, int stepIndex, int attempt, Duration backoff, String error)
      implements DbqEvent {}

  /**
   * A job reached a final state and that was saved ({@link JobState#COMPLETE}, {@link
   * JobState#FAILED}, or {@link JobState#CANCELLED} when a running step was stopped by a cancel); a
   * failed job's event is the failure event.
   *
   * @param job the job
   * @param state its final state
   * @param stepIndex the step it ended in
   * @param attempt the attempt at that step that ended it
   * @param age the time from its creation to its end (the database clock at the claim, then the
   *     worker's)
   * @param error the failure's message, or null
   */
  record JobEnded(
      JobRef job, JobState state, int stepIndex, int attempt, Duration age, String error)
      implements DbqEvent {}

  /**
   * A worker's lease upkeep returned a job whose worker stopped renewing its lease (it died or
   * hung) to READY: that run was lost.
   *
   * @param job the job
   * @param stepIndex the step whose run was lost
   * @param attempt the attempt that was lost
   * @param workerId the worker that rescued it
   */
  record Rescued(JobRef job, int stepIndex, int attempt, String workerId) implements DbqEvent {}

  /**
   * A running job was cancelled: its worker stopped the step and saved it CANCELLED (told after its
   * {@link JobEnded}). Jobs cancelled while waiting are cancelled by a statement, not by a worker,
   * and are not told here.
   *
   * @param job the job
   * @param stepIndex the step that was stopped
   */
  record Cancelled(JobRef job, int stepIndex) implements DbqEvent {}

  /**
   * A worker could not renew the leases it holds: the renewal failed, or a lease had lapsed.
   *
   * @param workerId the worker
   * @param claims how many claims it concerns
   * @param reason what went wrong
   */
  record LeaseRenewalFailed(String workerId, int claims, String reason) implements DbqEvent {}
}
