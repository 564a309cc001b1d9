package dev.dbq.runtime.internal.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The worker's {@code --rate-limit}: a minimum gap between two job starts of this worker, measured
 * on the worker's {@link Clock}. A start is recorded by the slot when the step really starts, and
 * the claim loop's next turn waits for the job it dispatched last to have started: a slot thread
 * that starts late cannot let two steps start close together.
 */
public final class RateLimiter {
  private final Clock clock;
  private final long gapMillis;
  private final AtomicLong lastStart = new AtomicLong(Long.MIN_VALUE);

  /** Jobs dispatched to a slot that have neither started nor been abandoned. */
  private final AtomicInteger notYetStarted = new AtomicInteger();

  RateLimiter(Clock clock, Duration gap) {
    this.clock = clock;
    this.gapMillis = gap.toMillis();
  }

  boolean isLimiting() {
    return gapMillis > 0;
  }

  /**
   * Waits until the job dispatched last has started and the gap since the last start has passed, or
   * until {@code keepWaiting} turns false. The slot that starts a job signals {@code sleeper}.
   *
   * @return true when a job may start now
   */
  boolean awaitTurn(WakeUp sleeper, BooleanSupplier keepWaiting) throws InterruptedException {
    while (keepWaiting.getAsBoolean()) {
      if (notYetStarted.get() > 0) {
        // the slot's start signals us; the bound only guards against a start never reported
        sleeper.awaitMillis(Math.max(gapMillis, 1));
        continue;
      }
      long last = lastStart.get();
      long remaining = last == Long.MIN_VALUE ? 0 : last + gapMillis - clock.millis();
      if (remaining <= 0) {
        return true;
      }
      // a wake-up only makes us look at the time again
      sleeper.awaitMillis(remaining);
    }
    return false;
  }

  /** The claim loop handed a job to a slot: the next turn waits until it starts. */
  void dispatched() {
    notYetStarted.incrementAndGet();
  }

  /** A dispatched job started now (never moving the last start back). */
  void started() {
    lastStart.accumulateAndGet(clock.millis(), Math::max);
    notYetStarted.decrementAndGet();
  }

  /** A dispatched job will not start (handed back before it did). */
  void abandoned() {
    notYetStarted.decrementAndGet();
  }
}
