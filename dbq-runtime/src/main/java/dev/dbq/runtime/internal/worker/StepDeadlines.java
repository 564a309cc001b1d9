package dev.dbq.runtime.internal.worker;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * A worker's running steps and the one timer thread that interrupts them at their deadlines (a
 * step's timeout, the grace period of an operator's cancel): see {@link StepWatch}.
 *
 * <p>Cancel requests come from every lease renewal (each names all the worker's claims an operator
 * asked to stop, so a missed notification costs at most a renewal period): a claim whose step has
 * not started yet is remembered until the next renewal, so that it starts cancelled.
 */
final class StepDeadlines implements AutoCloseable {
  private final ScheduledThreadPoolExecutor timer;
  private final Duration cancelGrace;
  private final Map<UUID, StepWatch> running = new ConcurrentHashMap<>();
  private volatile Set<UUID> cancelledNotStarted = Set.of();

  StepDeadlines(String threadName, Duration cancelGrace) {
    this.cancelGrace = cancelGrace;
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
  }

  /** A watch for a claim whose step is about to start; {@link #forget} it when the step ended. */
  StepWatch watch(UUID claimId) {
    StepWatch watch = new StepWatch(timer, cancelGrace);
    running.put(claimId, watch);
    if (cancelledNotStarted.contains(claimId)) {
      watch.requestCancel();
    }
    return watch;
  }

  void forget(UUID claimId) {
    running.remove(claimId);
  }

  /**
   * The claims of this worker an operator asked to stop, as the last lease renewal found them.
   *
   * @param claimIds every such claim still held
   */
  void cancelRequested(Set<UUID> claimIds) {
    cancelledNotStarted = Set.copyOf(claimIds);
    for (UUID claimId : claimIds) {
      StepWatch watch = running.get(claimId);
      if (watch != null) {
        watch.requestCancel();
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
