package dev.dbq.runtime;

/**
 * Hears what dbq does as it happens: enqueues (registered on a {@link Dbq} with {@link
 * Dbq#addListener}) and a worker's work (registered with {@link DbqWorker.Builder#listener}). Every
 * method does nothing unless overridden, and dbq builds an event only when some listener's class
 * overrides its method (looked up once, when the listener is added): a listener pays for the kinds
 * it hears and nothing for the others. Metrics ({@code dbq-micrometer}), progress lines and traces
 * are listeners.
 *
 * <p>Listeners are called on dbq's own threads, outside its locks: enqueue events on the enqueuing
 * thread, step events on the thread that runs the step (so a tracing listener can open a span in
 * {@link #onStepStarted}, make it current for the step's code, and close it in {@link
 * #onStepEnded}; the trace context stored at the enqueue is {@link
 * DbqEvent.StepStarted#traceContext()}), claims and wake-ups on the claim thread, saves on the save
 * thread, leases on the lease thread. An implementation must be quick and thread-safe. It cannot
 * break dbq: what it throws is logged once per kind of event, at WARN, and ignored from then on.
 */
public interface DbqListener {
  /**
   * @param event jobs were enqueued
   */
  default void onEnqueued(DbqEvent.Enqueued event) {}

  /**
   * @param event a worker started
   */
  default void onWorkerStarted(DbqEvent.WorkerStarted event) {}

  /**
   * @param event a worker stopped
   */
  default void onWorkerStopped(DbqEvent.WorkerStopped event) {}

  /**
   * @param event an idle worker woke up to look for jobs
   */
  default void onWokeUp(DbqEvent.WokeUp event) {}

  /**
   * @param event a worker claimed jobs (also when it got none)
   */
  default void onClaimed(DbqEvent.Claimed event) {}

  /**
   * @param event a step is about to run, on its thread
   */
  default void onStepStarted(DbqEvent.StepStarted event) {}

  /**
   * @param event a step's run ended, on its thread
   */
  default void onStepEnded(DbqEvent.StepEnded event) {}

  /**
   * @param event a failed step's retry was saved
   */
  default void onRetryScheduled(DbqEvent.RetryScheduled event) {}

  /**
   * @param event a job completed or failed, and that was saved
   */
  default void onJobEnded(DbqEvent.JobEnded event) {}

  /**
   * @param event a lost run was rescued
   */
  default void onRescued(DbqEvent.Rescued event) {}

  /**
   * @param event a job was cancelled
   */
  default void onCancelled(DbqEvent.Cancelled event) {}

  /**
   * @param event a worker could not renew its leases
   */
  default void onLeaseRenewalFailed(DbqEvent.LeaseRenewalFailed event) {}
}
