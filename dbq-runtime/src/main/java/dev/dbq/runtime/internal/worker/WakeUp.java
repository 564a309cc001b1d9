package dev.dbq.runtime.internal.worker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A coalescing wake-up flag for the claim loop: any number of signals before the next wait count as
 * one, and a signal that arrives while the loop is busy is not lost.
 */
public final class WakeUp {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition signalled = lock.newCondition();
  private boolean pending;

  /** Wakes the waiter, or the next one if none waits. */
  void signal() {
    lock.lock();
    try {
      pending = true;
      signalled.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for a signal, at most {@code max}, and consumes it.
   *
   * @return true when signalled, false on timeout
   */
  boolean await(Duration max) throws InterruptedException {
    long nanos = max.toNanos();
    lock.lock();
    try {
      while (!pending) {
        if (nanos <= 0) {
          return false;
        }
        nanos = signalled.awaitNanos(nanos);
      }
      pending = false;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Waits like {@link #await(Duration)} given in milliseconds. */
  boolean awaitMillis(long millis) throws InterruptedException {
    return await(Duration.ofNanos(TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis))));
  }
}
