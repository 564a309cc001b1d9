package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.internal.PermanentFault;
import dev.dbq.runtime.internal.RuntimeLoggers;
import dev.dbq.runtime.internal.store.WorkerStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Every lease/3: renews the leases of this worker's in-flight jobs, and returns every job whose
 * lease lapsed (whichever worker held it) to READY. Expiry is decided by the database clock only.
 * Each renewal also says which held jobs an operator asked to stop; a notification of a cancel asks
 * for a renewal at once ({@link #renewNow}).
 */
public final class LeaseKeeper {
  private static final Logger log = RuntimeLoggers.of(LeaseKeeper.class);

  private final WorkerStore store;
  private final ClaimsHeld claims;
  private final Duration period;
  private final Runnable onRescue;
  private final WorkerEvents events;
  private final Consumer<Set<UUID>> onCancelRequested;
  private volatile ScheduledExecutorService scheduler;
  // when the last renewal that succeeded was sent: every claim held then is vouched for from it
  private volatile long renewedFromNanos = System.nanoTime();

  LeaseKeeper(
      WorkerStore store,
      ClaimsHeld claims,
      Duration lease,
      Runnable onRescue,
      Consumer<Set<UUID>> onCancelRequested,
      WorkerEvents events) {
    this.events = events;
    this.store = store;
    this.onCancelRequested = onCancelRequested;
    this.claims = claims;
    this.period = lease.dividedBy(3);
    this.onRescue = onRescue;
  }

  void start(String threadName) {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(this::tick, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  /**
   * A renewal now, on the keeper's thread, out of schedule: it learns at once which jobs an
   * operator asked to stop.
   */
  void renewNow() {
    ScheduledExecutorService s = scheduler;
    if (s == null) {
      return;
    }
    try {
      s.execute(
          () -> {
            try {
              renew();
            } catch (Exception e) {
              log.debug("renewal asked by a cancel failed; the next scheduled one retries", e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException stopped) {
      // the keeper stopped: nothing is held any more
    }
  }

  /** One heartbeat and one rescue; never throws, so the schedule is never cancelled. */
  void tick() {
    try {
      renew();
      rescue();
    } catch (Exception | VirtualMachineError e) {
      // an Error escaping here would cancel the schedule silently, and every lease would lapse
      if (e instanceof Exception ex && PermanentFault.in(ex).isPresent()) {
        // the claim loop meets it too and stops the worker with the fix; a trace would bury it
        log.debug("lease upkeep failed", e);
        return;
      }
      log.warn("lease upkeep failed; trying again in {}", period, e);
    }
  }

  /**
   * When the last renewal that succeeded was sent ({@link System#nanoTime()}): the lease of every
   * claim held then runs at least a lease from it.
   */
  long renewedFromNanos() {
    return renewedFromNanos;
  }

  private void renew() throws java.sql.SQLException {
    long sent = System.nanoTime();
    Set<UUID> held = new HashSet<>(claims.heldNow());
    if (held.isEmpty()) {
      renewedFromNanos = sent;
      onCancelRequested.accept(Set.of());
      return;
    }
    WorkerStore.Renewal renewal;
    try {
      renewal = store.renewLeases(held);
    } catch (java.sql.SQLException | RuntimeException e) {
      events.leaseRenewalFailed(held.size(), String.valueOf(e.getMessage()));
      throw e;
    }
    renewedFromNanos = sent;
    onCancelRequested.accept(renewal.cancelRequested());
    held.removeAll(renewal.renewed());
    // a claim still held but not renewed lapsed and was rescued; its save will be refused. One the
    // worker's own save or hand-back took meanwhile (committed before the renewal, not yet out of
    // the held claims) is no loss: that statement reports what it found taken
    Set<UUID> lost = claims.lostAmong(held);
    for (UUID id : lost) {
      log.warn("lease of claim {} was lost; the step's result will be dropped", id);
    }
    if (!lost.isEmpty()) {
      events.leaseRenewalFailed(lost.size(), "lease lapsed and the job was taken back");
    }
  }

  private void rescue() throws java.sql.SQLException {
    List<WorkerStore.Rescued> rescued = store.rescueExpired();
    for (WorkerStore.Rescued r : rescued) {
      log.warn(
          "job {} ({}, queue {}) lost its worker's lease during step {} (attempt {}); back to"
              + " READY",
          r.id(),
          r.name(),
          r.queue(),
          r.step() + 1, // steps counted from 1 in messages, as attempts are
          r.attempt());
      events.rescued(r);
    }
    if (!rescued.isEmpty()) {
      onRescue.run();
    }
  }
}
