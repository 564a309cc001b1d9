package dev.dbq.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The tests' one way to wait: for a condition, with a bound, polling briefly; never for time itself
 * to pass. Two kinds of condition:
 *
 * <ul>
 *   <li>{@link #until(String, Callable, Duration)}: a condition that throws fails the wait at once
 *       with its exception (a typo in a query should not cost the whole bound);
 *   <li>{@link #untilThroughFailures(String, Callable, Duration)}: a condition that throws counts
 *       as not yet met, for a condition that asks a server the test is taking down (the chaos
 *       suite); on timeout the last exception is attached to the error.
 * </ul>
 */
public final class Await {
  /**
   * How often a condition that may throw is asked: a light probe of a server that is recovering.
   */
  private static final long THROUGH_FAILURES_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private Await() {}

  /**
   * Waits until the condition holds; a condition that throws fails the wait.
   *
   * @return how long it took
   * @throws AssertionError when it does not hold within {@code bound}
   */
  public static Duration until(Callable<Boolean> condition, Duration bound) throws Exception {
    return until("condition", condition, bound);
  }

  /**
   * Waits until the condition holds; a condition that throws fails the wait with its exception.
   *
   * @return how long it took
   * @throws AssertionError naming {@code what} when it does not hold within {@code bound}
   */
  public static Duration until(String what, Callable<Boolean> condition, Duration bound)
      throws Exception {
    long start = System.nanoTime();
    long deadline = start + bound.toNanos();
    while (!Boolean.TRUE.equals(condition.call())) {
      if (System.nanoTime() > deadline) {
        throw timedOut(what, bound);
      }
      Thread.onSpinWait();
      Thread.sleep(5); // polling interval of the check, not a wait for time to pass
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /**
   * Waits until the condition holds; a condition that throws (the database is down, say) counts as
   * not yet met.
   *
   * @return how long it took
   * @throws AssertionError naming {@code what} when it does not hold within {@code bound}, with the
   *     condition's last exception, if any, suppressed in it
   */
  public static Duration untilThroughFailures(
      String what, Callable<Boolean> condition, Duration bound) {
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
        AssertionError error = timedOut(what, bound);
        if (last != null) {
          error.addSuppressed(last);
        }
        throw error;
      }
      // polling interval of the check, not a wait for time to pass
      LockSupport.parkNanos(THROUGH_FAILURES_POLL_NANOS);
    }
  }

  private static AssertionError timedOut(String what, Duration bound) {
    return new AssertionError("timed out after " + bound + " waiting for " + what);
  }
}
