package dev.dbq.dashboard;

/**
 * Each state-changing action of the dashboard, as the {@link DashboardAuthorizer} is asked about
 * it.
 */
public enum DashboardAction {
  /** Retry FAILED or CANCELLED jobs. */
  RETRY,
  /** Cancel waiting or running jobs. */
  CANCEL,
  /** Delete jobs no worker holds. */
  DELETE,
  /** Make scheduled jobs runnable now. */
  RUN_NOW,
  /** Pause a queue. */
  PAUSE_QUEUE,
  /** Resume a paused queue. */
  RESUME_QUEUE,
  /** Set or remove a queue's concurrency limit. */
  LIMIT_QUEUE
}
