package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.internal.RuntimeLoggers;
import dev.dbq.runtime.internal.store.Claim;
import dev.dbq.runtime.internal.store.StepRunOutcome;
import dev.dbq.runtime.internal.store.WorkerStore;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;

/**
 * How a worker's slots stop once the claim loop does: the wake-up listener stops; claims still
 * waiting to start go back to READY with their attempt given back; the rest are marked STOPPING;
 * running steps get the grace period to finish (those calling {@code System.exit}, which never
 * return, are handed back at once); steps still running after it go back with their run counted, as
 * a step that always outlasts the grace period is a lost run too. Finished steps stay with the
 * completion batcher, which the claim loop closes afterwards. It logs as the claim loop, whose
 * logger users configure.
 */
final class ShutdownSequence {
  private static final Logger log = RuntimeLoggers.of(ClaimLoop.class);

  private final WorkerSettings settings;
  private final WakeUpListener listener; // null: none
  private final WorkerStore store;
  private final ClaimsHeld claims;
  private final ExecutorService slots;
  private final HandBack handBack;
  private volatile String stepExit;

  ShutdownSequence(
      WorkerSettings settings,
      WakeUpListener listener,
      WorkerStore store,
      ClaimsHeld claims,
      ExecutorService slots,
      HandBack handBack) {
    this.settings = settings;
    this.listener = listener;
    this.store = store;
    this.claims = claims;
    this.slots = slots;
    this.handBack = handBack;
  }

  /** Runs the sequence; returns once no slot runs a step, or the late ones were handed back. */
  void run() {
    try {
      if (listener != null) {
        listener.stop();
      }
      handBackUnstarted();
      Set<UUID> held = claims.heldNow();
      if (!held.isEmpty()) {
        try {
          int marked = store.markStopping(held);
          log.info(
              "worker {} stopping: {} job(s) in flight marked STOPPING",
              settings.workerId(),
              marked);
        } catch (SQLException e) {
          log.warn("cannot mark in-flight jobs STOPPING", e);
        }
      }
      slots.shutdown();
      Set<UUID> exiting = handBackStepsCallingExit();
      if (!ExitingSteps.awaitOthers(
          slots, claims.running().keySet(), exiting, settings.shutdownGrace())) {
        // finished steps stay with the batcher and are saved after this; only running ones go back
        Set<UUID> late = claims.runningNow();
        late.removeAll(exiting);
        handBack.of(
            late,
            "worker "
                + settings.workerId()
                + " stopped before the step finished (grace period "
                + settings.shutdownGrace()
                + ")",
            StepRunOutcome.STOPPED);
        slots.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handBack.of(
          claims.runningNow(),
          "worker " + settings.workerId() + " was interrupted",
          StepRunOutcome.STOPPED);
      slots.shutdownNow();
    }
  }

  /** What ended this worker when a step called {@code System.exit}, or null. */
  String stepExit() {
    return stepExit;
  }

  /**
   * Prefetched jobs whose steps never started go straight back to READY; the hand-back lets go of
   * them.
   */
  private void handBackUnstarted() {
    Set<UUID> unstarted = claims.withdrawUnstarted();
    handBack.of(
        unstarted, "worker " + settings.workerId() + " stopped before the step started", null);
  }

  /**
   * Steps whose thread is inside {@code System.exit} (it waits there for the shutdown hooks, this
   * shutdown among them, and never returns): handed back at once with the run counted, so that a
   * job whose step exits its worker every time reaches the lost-run bound, and not waited for.
   *
   * @return their claims
   */
  private Set<UUID> handBackStepsCallingExit() {
    Set<UUID> exiting = ExitingSteps.in(claims.running());
    if (!exiting.isEmpty()) {
      Claim claim = claims.claim(exiting.iterator().next());
      stepExit =
          claim == null
              ? "a step called System.exit"
              : "step " + (claim.stepIndex() + 1) + " of job " + claim.id() + " called System.exit";
      log.error(
          "worker {}: {}; its run counts as lost, and the worker stops without a clean stop",
          settings.workerId(),
          stepExit);
      handBack.of(exiting, stepExit + " on worker " + settings.workerId(), StepRunOutcome.LOST);
    }
    return exiting;
  }
}
