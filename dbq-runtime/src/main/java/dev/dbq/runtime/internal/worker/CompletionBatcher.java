package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.internal.ErrorBackoff;
import dev.dbq.runtime.internal.RefusedData;
import dev.dbq.runtime.internal.RuntimeLoggers;
import dev.dbq.runtime.internal.store.StepOutcome;
import dev.dbq.runtime.internal.store.WorkerStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;

/**
 * Saves finished steps in batches: one statement and one commit for up to {@code batchSize}
 * outcomes, flushed when the batch is full, when its oldest outcome has waited {@code maxDelay},
 * when nothing else is running (no outcome could join it), and on shutdown.
 *
 * <p>Until its batch commits, a finished step's job stays claimed by this worker (PROCESSING, its
 * lease renewed): a crash before the flush lets the lease lapse and the step runs again
 * (at-least-once), and no other worker can run the job's next step before this one is saved. Every
 * row stays fenced by its own claim id, so a late result is refused row by row.
 */
public final class CompletionBatcher {
  private static final Logger log = RuntimeLoggers.of(CompletionBatcher.class);

  /** Called after each flush with the batch; {@code saved} holds the claim ids written. */
  interface Flushed {
    void accept(List<WorkerStore.Finished> batch, Set<UUID> saved);
  }

  private final WorkerStore store;
  private final ClaimsHeld claims;
  private final int batchSize;
  private final long maxDelayNanos;
  private final Flushed onFlushed;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private List<WorkerStore.Finished> pending = new ArrayList<>();
  private long oldestNanos;
  private boolean urgent;
  private boolean closing;
  // set while the database refuses the saves (an outage), cleared by the next save or claim that
  // commits
  private volatile boolean savesFailing;
  // finished steps added and not yet settled (saved, or given up): while any waits on a failing
  // save, a claim that commits does not end the failure
  private final java.util.concurrent.atomic.AtomicInteger unsaved =
      new java.util.concurrent.atomic.AtomicInteger();
  private boolean done;
  private long giveUpNanos = Long.MAX_VALUE;
  private Thread thread;

  CompletionBatcher(
      WorkerStore store, ClaimsHeld claims, int batchSize, Duration maxDelay, Flushed onFlushed) {
    this.store = store;
    this.claims = claims;
    this.batchSize = batchSize;
    this.maxDelayNanos = maxDelay.toNanos();
    this.onFlushed = onFlushed;
  }

  void start(String threadName) {
    thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Queues a finished step for the next flush.
   *
   * @param lastRunning true when no other step is running or waiting to run, so that waiting for
   *     more outcomes would only add latency
   * @return false when the batcher was closed: the outcome is dropped (its job was handed back or
   *     its lease lapses, and the step runs again)
   */
  boolean add(WorkerStore.Finished finished, boolean lastRunning) {
    lock.lock();
    try {
      if (done) {
        return false;
      }
      if (pending.isEmpty()) {
        oldestNanos = System.nanoTime();
      }
      pending.add(finished);
      unsaved.incrementAndGet();
      if (lastRunning) {
        urgent = true;
      }
      if (urgent || pending.size() >= batchSize || pending.size() == 1) {
        changed.signalAll();
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether the last save failed for a reason other than the data (the database is unreachable,
   * say) and none has committed since: a step started now could not have its result saved.
   */
  boolean savesFailing() {
    return savesFailing;
  }

  /**
   * Another statement (a claim) just committed. It ends a failure of the saves only when no
   * finished step waits to be saved: otherwise the save that waits must commit first, so that new
   * work is not started while finished work cannot be saved (a flapping database lets a claim
   * through now and then).
   */
  void databaseAnswered() {
    if (unsaved.get() == 0) {
      savesFailing = false;
    }
  }

  /** How many finished steps wait for a flush. */
  int pendingCount() {
    lock.lock();
    try {
      return pending.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Flushes what is pending and stops; a flush that keeps failing is abandoned at {@code deadline}
   * (those steps will run again once their leases lapse).
   */
  void close(Duration deadline) throws InterruptedException {
    lock.lock();
    try {
      closing = true;
      giveUpNanos = System.nanoTime() + deadline.toNanos();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (thread != null) {
      thread.join(Math.max(1, deadline.toMillis()) + 1000);
    }
  }

  private void run() {
    try {
      while (true) {
        List<WorkerStore.Finished> batch = next();
        if (batch == null) {
          return;
        }
        flush(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lock.lock();
      try {
        done = true;
      } finally {
        lock.unlock();
      }
      log.warn("completion batcher interrupted; {} unsaved step(s) will run again", pendingCount());
    }
  }

  /** Waits until a batch is due; null when closing with nothing left. */
  private List<WorkerStore.Finished> next() throws InterruptedException {
    lock.lock();
    try {
      while (pending.isEmpty()) {
        if (closing) {
          done = true;
          return null;
        }
        changed.await();
      }
      while (!closing && !urgent && pending.size() < batchSize) {
        long wait = oldestNanos + maxDelayNanos - System.nanoTime();
        if (wait <= 0) {
          break;
        }
        changed.awaitNanos(wait);
      }
      List<WorkerStore.Finished> batch = pending;
      pending = new ArrayList<>();
      urgent = false;
      return batch;
    } finally {
      lock.unlock();
    }
  }

  private void flush(List<WorkerStore.Finished> batch) throws InterruptedException {
    ErrorBackoff backoff = new ErrorBackoff();
    while (true) {
      try {
        save(batch);
        return;
      } catch (SQLException e) {
        if (RefusedData.is(e)) {
          if (batch.size() > 1) {
            // one refused row fails the whole statement: save one by one so only its job fails
            for (WorkerStore.Finished finished : batch) {
              flush(List.of(finished));
            }
            return;
          }
          // the database refuses this result every time: fail the job instead of retrying (and
          // renewing its lease) forever
          WorkerStore.Finished refused = batch.get(0);
          StepOutcome instead = UnsavableResult.replacement(refused.claim(), refused.outcome(), e);
          if (instead == null) {
            settled(batch, Set.of());
            return;
          }
          batch = List.of(refused.withOutcome(instead));
          continue;
        }
        if (givenUp()) {
          log.warn(
              "saving {} finished step(s) failed at shutdown; they will run again once their"
                  + " leases lapse",
              batch.size(),
              e);
          settled(batch, Set.of());
          return;
        }
        savesFailing = true;
        log.warn(
            "saving {} finished step(s) failed; trying again in {} ms",
            batch.size(),
            backoff.millis());
        awaitBackoff(backoff.millis());
        backoff.failedAgain();
      } catch (RuntimeException | VirtualMachineError e) {
        // not the database's refusal: retried like an outage, since the thread that saves every
        // step must not die (its claims would be renewed, unsaved, for as long as the worker ran)
        if (givenUp()) {
          settled(batch, Set.of());
          return;
        }
        savesFailing = true;
        log.warn(
            "saving {} finished step(s) failed; trying again in {} ms",
            batch.size(),
            backoff.millis(),
            e);
        awaitBackoff(backoff.millis());
        backoff.failedAgain();
      }
    }
  }

  /**
   * One save statement and, once it committed, the batch settled; announced to the held claims
   * meanwhile, so that a renewal that meets the commit before the claims leave the held ones counts
   * none lost (a claim the save found taken is reported by the flush callback). Only around the
   * statement: during a backoff the claims are renewed and a lost one is reported as usual.
   */
  private void save(List<WorkerStore.Finished> batch) throws SQLException {
    List<UUID> ids = new ArrayList<>(batch.size());
    for (WorkerStore.Finished f : batch) {
      ids.add(f.claim().claimId());
    }
    claims.releasing(ids);
    try {
      Set<UUID> saved = store.saveBatch(batch);
      savesFailing = false;
      settled(batch, saved);
    } finally {
      claims.releaseDone(ids);
    }
  }

  private void settled(List<WorkerStore.Finished> batch, Set<UUID> saved) {
    unsaved.addAndGet(-batch.size());
    onFlushed.accept(batch, saved);
  }

  private boolean givenUp() {
    lock.lock();
    try {
      return closing && System.nanoTime() - giveUpNanos >= 0;
    } finally {
      lock.unlock();
    }
  }

  private void awaitBackoff(long millis) throws InterruptedException {
    lock.lock();
    try {
      long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
      long end = System.nanoTime() + nanos;
      while (nanos > 0 && !(closing && System.nanoTime() - giveUpNanos >= 0)) {
        changed.awaitNanos(Math.min(nanos, giveUpNanos - System.nanoTime()));
        nanos = end - System.nanoTime();
      }
    } finally {
      lock.unlock();
    }
  }
}
