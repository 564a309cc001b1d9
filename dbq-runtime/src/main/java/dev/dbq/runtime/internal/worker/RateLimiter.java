package dev.dbq.runtime.internal.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The worker's {@code --rate-limit}, as the claim loop and the slots see it: {@link #NONE} when
 * there is none (every call is free), a {@link MinimumGap} otherwise. The loop asks it how many
 * jobs to claim and tells it what became of each claim, whichever it is.
 */
sealed interface RateLimiter permits RateLimiter.None, MinimumGap {
  /** No minimum gap: claims are sized by the slots and the prefetch alone. */
  RateLimiter NONE = new None();

  /**
   * @param clock the worker's clock, on which the gap is measured
   * @param gap the minimum time between two job starts; under a millisecond is none
   * @param claimLoop what the claim loop waits on, signalled by a start
   */
  static RateLimiter of(Clock clock, Duration gap, WakeUp claimLoop) {
    return gap.toMillis() > 0 ? new MinimumGap(clock, gap, claimLoop) : NONE;
  }

  /**
   * How many jobs to claim beyond the idle slots.
   *
   * @param prefetch what the prefetch would claim ahead, asked only when it counts
   */
  int ahead(IntSupplier prefetch);

  /**
   * Waits for the claim loop's turn to claim.
   *
   * @param wanted the jobs the idle slots and the prefetch want, at least 1
   * @param keepWaiting false once the loop should stop waiting
   * @return how many jobs to claim now; 0 when {@code keepWaiting} turned false first
   */
  int turn(int wanted, BooleanSupplier keepWaiting) throws InterruptedException;

  /** The claim loop handed a job to a slot. */
  void dispatched();

  /** A dispatched job's step starts now. */
  void started();

  /** A dispatched job will not start (handed back, or left for its lease to lapse). */
  void abandoned();

  /** No rate limit. */
  final class None implements RateLimiter {
    private None() {}

    @Override
    public int ahead(IntSupplier prefetch) {
      return prefetch.getAsInt();
    }

    @Override
    public int turn(int wanted, BooleanSupplier keepWaiting) {
      return wanted;
    }

    @Override
    public void dispatched() {}

    @Override
    public void started() {}

    @Override
    public void abandoned() {}
  }
}
