package dev.dbq.runtime;

/**
 * The states of a stored job, as django-db-queue stores them, plus {@link #CANCELLED}.
 *
 * <pre>
 *   NEW ──claim──▶ PROCESSING ──step done, steps remain──▶ READY ──claim──▶ PROCESSING ...
 *                      │  └──last step done──▶ COMPLETE
 *                      │  └──step threw, no attempt left──▶ FAILED
 *                      │  └──cancel asked, step stopped──▶ CANCELLED
 *                      └──worker shutting down──▶ STOPPING ──step done──▶ READY / COMPLETE / FAILED
 *                                                          └──grace period over──▶ READY
 *   NEW / READY ──cancel──▶ CANCELLED
 *   FAILED / CANCELLED ──retry──▶ READY
 * </pre>
 */
public enum JobState {
  /** Created, waiting for a worker to run its first step. */
  NEW,
  /**
   * Has run at least one step (or is waiting to retry one), waiting for a worker to run the next.
   */
  READY,
  /** A worker holds the job and is running a step. */
  PROCESSING,
  /** A worker holding the job is shutting down; the step in flight may still finish. */
  STOPPING,
  /** Every step ran successfully. */
  COMPLETE,
  /** A step (or the pre-step hook) threw and no attempt remains. */
  FAILED,
  /**
   * An operator cancelled the job: at once while it waited, or when its worker stopped the running
   * step. Final until an operator retries it.
   */
  CANCELLED;

  /**
   * Whether jobs in this state wait to be claimed.
   *
   * @return true for {@link #NEW} and {@link #READY}
   */
  public boolean isWaiting() {
    return this == NEW || this == READY;
  }

  /**
   * Whether jobs in this state will never run again.
   *
   * @return true for {@link #COMPLETE}, {@link #FAILED} and {@link #CANCELLED} (an operator's retry
   *     can still run a FAILED or CANCELLED job again)
   */
  public boolean isFinal() {
    return this == COMPLETE || this == FAILED || this == CANCELLED;
  }
}
