package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.internal.store.Claim;
import dev.dbq.runtime.internal.store.StepOutcome;

/**
 * What a worker tells about its work as it happens. Internal for now: the command line's progress
 * report listens to it; a public worker-event API can grow from it.
 *
 * <p>Called on the worker's own threads, in the middle of its work: an implementation must be
 * quick, thread-safe and must not throw.
 */
public interface WorkerEvents {
  /** Listens to nothing. */
  WorkerEvents NONE = new WorkerEvents() {};

  /**
   * A step's outcome was committed: the job is now in the state the outcome says.
   *
   * @param claim the job and the step that ran
   * @param outcome what was saved
   */
  default void stepSaved(Claim claim, StepOutcome outcome) {}
}
