package dev.dbq.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The worker's {@code --rate-limit}: a minimum gap between two job starts of this worker, measured
 * on the worker's {@link Clock}. The claim loop waits for its turn; both the claim loop (at
 * dispatch) and the slot (when the step really starts, possibly later) record a start, so the gap
 * holds between the steps themselves, not only between their dispatches.
 */
final class RateLimiter {
  private final Clock clock;
  private final long gapMillis;
  private final AtomicLong lastStart = new AtomicLong(Long.MIN_VALUE);

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
    if (lastStart.get() == Long.MIN_VALUE) {
      return keepWaiting.getAsBoolean();
    }
    long remaining;
    while ((remaining = lastStart.get() + gapMillis - clock.millis()) > 0) {
      if (!keepWaiting.getAsBoolean()) {
        return false;
      }
      // a wake-up only makes us look at the time again; the claim follows right after
      sleeper.awaitMillis(remaining);
    }
    return keepWaiting.getAsBoolean();
  }

  /** Records that a job started now (never moving the last start back). */
  void started() {
    long now = clock.millis();
    lastStart.accumulateAndGet(now, Math::max);
  }
}
