package dev.dbq.runtime.internal.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * A {@code --rate-limit}: a minimum gap between two job starts of this worker, measured on the
 * worker's {@link Clock}. A start is recorded by the slot when the step really starts, and the
 * claim loop's next turn waits for the job it dispatched last to have started: a slot thread that
 * starts late cannot let two steps start close together. So a turn claims one job, and none is
 * claimed ahead of the idle slots.
 */
final class MinimumGap implements RateLimiter {
  private final Clock clock;
  private final long gapMillis;
  private final WakeUp claimLoop;
  private final AtomicLong lastStart = new AtomicLong(Long.MIN_VALUE);

  /** Jobs dispatched to a slot that have neither started nor been abandoned. */
  private final AtomicInteger notYetStarted = new AtomicInteger();

  MinimumGap(Clock clock, Duration gap, WakeUp claimLoop) {
    this.clock = clock;
    this.gapMillis = gap.toMillis();
    this.claimLoop = claimLoop;
  }

  @Override
  public int ahead(IntSupplier prefetch) {
    return 0;
  }

  @Override
  public int turn(int wanted, BooleanSupplier keepWaiting) throws InterruptedException {
    return awaitTurn(keepWaiting) ? 1 : 0;
  }

  /**
   * Waits until the job dispatched last has started and the gap since the last start has passed, or
   * until {@code keepWaiting} turns false. The slot that starts a job signals the claim loop.
   *
   * @return true when a job may start now
   */
  boolean awaitTurn(BooleanSupplier keepWaiting) throws InterruptedException {
    while (keepWaiting.getAsBoolean()) {
      if (notYetStarted.get() > 0) {
        // the slot's start signals us; the bound only guards against a start never reported
        claimLoop.awaitMillis(Math.max(gapMillis, 1));
        continue;
      }
      long last = lastStart.get();
      long remaining = last == Long.MIN_VALUE ? 0 : last + gapMillis - clock.millis();
      if (remaining <= 0) {
        return true;
      }
      // a wake-up only makes us look at the time again
      claimLoop.awaitMillis(remaining);
    }
    return false;
  }

  /** The next turn waits until this job starts. */
  @Override
  public void dispatched() {
    notYetStarted.incrementAndGet();
  }

  /**
   * The gap counts from here (never moving the last start back), and the claim loop, which waits
   * for this start to take its next turn, is woken.
   */
  @Override
  public void started() {
    lastStart.accumulateAndGet(clock.millis(), Math::max);
    notYetStarted.decrementAndGet();
    claimLoop.signal();
  }

  @Override
  public void abandoned() {
    notYetStarted.decrementAndGet();
  }
}
