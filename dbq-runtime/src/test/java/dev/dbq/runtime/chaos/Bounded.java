package dev.dbq.runtime.chaos;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for conditions with a bound, and paces fault injection. A condition that throws (the
 * database is down, say) counts as not yet met.
 */
final class Bounded {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private Bounded() {}

  /**
   * Waits until the condition holds.
   *
   * @return how long it took
   * @throws AssertionError naming {@code what} when it does not hold within {@code bound}
   */
  static Duration await(String what, Callable<Boolean> condition, Duration bound) {
    long start = System.nanoTime();
    long deadline = start + bound.toNanos();
    Exception last = null;
    while (true) {
      try {
        if (Boolean.TRUE.equals(condition.call())) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        AssertionError error =
            new AssertionError("timed out after " + bound + " waiting for " + what);
        if (last != null) {
          error.addSuppressed(last);
        }
        throw error;
      }
      // polling interval of the check, not a wait for time to pass
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  /**
   * Paces a fault injection loop: the gap between two faults. Injecting faults at a rate is the
   * point here; nothing waits for a condition.
   */
  static void pace(Duration gap) {
    LockSupport.parkNanos(gap.toNanos());
  }
}
