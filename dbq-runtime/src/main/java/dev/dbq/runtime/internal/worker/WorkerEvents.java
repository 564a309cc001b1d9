package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.internal.store.Claim;
import dev.dbq.runtime.internal.store.StepOutcome;
import dev.dbq.runtime.internal.store.WorkerStore;
import java.util.List;

/**
 * What the worker's engine tells about its work as it happens, in its own terms (claims, outcomes).
 * {@link #NONE} when the worker has no listener, so that a worker without listeners builds no event
 * and pays an empty call; {@link ListenerEvents} turns these into the public {@code DbqEvent}s.
 *
 * <p>Called on the worker's own threads, outside its locks; an implementation must be quick and
 * thread-safe and must not throw.
 */
public interface WorkerEvents {
  /** Listens to nothing. */
  WorkerEvents NONE = new WorkerEvents() {};

  /** The claim loop started (after the warm-up). */
  default void workerStarted(List<String> queues, int concurrency) {}

  /** The shutdown sequence is over. */
  default void workerStopped(int concurrency, long stepsRun) {}

  /**
   * An idle claim loop woke up.
   *
   * @param notified by a notification of an enqueue (else its poll interval passed)
   */
  default void wokeUp(boolean notified) {}

  /** A claim statement returned {@code claimed} of {@code wanted} jobs in {@code nanos}. */
  default void claimed(int wanted, int claimed, long nanos) {}

  /** A step is about to run, on its slot thread. */
  default void stepStarted(Claim claim) {}

  /**
   * A step ran in {@code nanos} and decided {@code outcome}, on its slot thread; told after every
   * {@link #stepStarted}, with a null outcome when the run ended without one (a fatal error).
   */
  default void stepEnded(Claim claim, StepOutcome outcome, long nanos) {}

  /**
   * A step's outcome was committed: the job is now in the state the outcome says.
   *
   * @param claim the job and the step that ran
   * @param outcome what was saved
   */
  default void stepSaved(Claim claim, StepOutcome outcome) {}

  /** The lease upkeep returned a job whose lease lapsed to READY. */
  default void rescued(WorkerStore.Rescued rescued) {}

  /** Renewing {@code claims} leases failed, or they had lapsed. */
  default void leaseRenewalFailed(int claims, String reason) {}
}
