package dev.dbq.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The worker's {@code --rate-limit}: a minimum gap between two job starts of this worker, measured
 * on the worker's {@link Clock}. Only the claim loop uses it, so it needs no locking.
 */
final class RateLimiter {
  private final Clock clock;
  private final long gapMillis;
  private long lastStart = Long.MIN_VALUE;

  RateLimiter(Clock clock, Duration gap) {
    this.clock = clock;
    this.gapMillis = gap.toMillis();
  }

  boolean isLimiting() {
    return gapMillis > 0;
  }

  /**
   * Waits until the gap since the last start has passed, or until {@code keepWaiting} turns false.
   *
   * @return true when a job may start now
   */
  boolean awaitTurn(WakeUp sleeper, BooleanSupplier keepWaiting) throws InterruptedException {
    if (lastStart == Long.MIN_VALUE) {
      return keepWaiting.getAsBoolean();
    }
    long remaining;
    while ((remaining = lastStart + gapMillis - clock.millis()) > 0) {
      if (!keepWaiting.getAsBoolean()) {
        return false;
      }
      // a wake-up only makes us look at the time again; the claim follows right after
      sleeper.awaitMillis(remaining);
    }
    return keepWaiting.getAsBoolean();
  }

  /** Records that a job started now. */
  void started() {
    lastStart = clock.millis();
  }
}
