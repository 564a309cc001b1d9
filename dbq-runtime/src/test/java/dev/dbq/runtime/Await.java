package dev.dbq.runtime;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition with a bound, polling briefly; never waits for time itself to pass. */
public final class Await {
  private Await() {}

  public static void until(Callable<Boolean> condition, Duration timeout) throws Exception {
    until("condition", condition, timeout);
  }

  public static void until(String what, Callable<Boolean> condition, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Boolean.TRUE.equals(condition.call())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.onSpinWait();
      Thread.sleep(5); // polling interval of the check, not a wait for time to pass
    }
  }
}
