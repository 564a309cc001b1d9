package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.DbqWorker;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many jobs the claim loop claims beyond its idle slots: a fixed number the user chose, or, by
 * default, what the slots will start within a short horizon at the rate they have been starting
 * steps lately.
 *
 * <p>Why adaptive: with no prefetch a slot that finishes a step waits for a claim round trip before
 * it runs the next one, which holds eight slots of short steps to a few thousand steps a second;
 * with a fixed prefetch a worker may claim a hoard of long steps, and a job enqueued later with a
 * higher priority waits behind all of them. Claiming only what will start within {@link
 * #HORIZON_NANOS} (10 ms) gives short steps their batches and long steps no prefetch at all: at one
 * step every five seconds per slot the rate is far below one job per horizon. The rate is the
 * number of steps finished, decayed exponentially with time constant {@link
 * #RATE_TIME_CONSTANT_NANOS} (50 ms), so it follows a change of step durations within a few tens of
 * milliseconds. A hoard claimed at the moment short steps give way to long ones is handed back by
 * the claim loop once it has waited {@link #STALE_AFTER_NANOS} (100 ms).
 *
 * <p>Thread use: {@link #stepFinished()} from any slot; the rest from the claim loop only.
 */
public final class Prefetch {
  /** What the adaptive prefetch claims ahead: the steps the slots will start within this. */
  static final long HORIZON_NANOS = DbqWorker.DEFAULT_PREFETCH_HORIZON.toNanos();

  /** How fast the measured rate follows a change. */
  static final long RATE_TIME_CONSTANT_NANOS = 50_000_000L;

  /**
   * An adaptive prefetch that has waited this long to start was a wrong guess (the steps ahead of
   * it turned long): it goes back to READY for whoever claims next.
   */
  static final long STALE_AFTER_NANOS = 100_000_000L;

  /** The most the adaptive prefetch claims ahead, per slot: bounds the memory claims hold. */
  static final int MAX_ADAPTIVE_PER_SLOT = 32;

  private final int fixed;
  private final int cap;
  private final AtomicLong finished = new AtomicLong();
  private long lastNanos;
  private long lastFinished;
  private double decayedFinished;
  private volatile int current;

  private Prefetch(int fixed, int cap) {
    this.fixed = fixed;
    this.cap = cap;
    this.current = Math.max(fixed, 0);
    this.lastNanos = System.nanoTime();
  }

  /** Always {@code jobs} ahead; 0 never claims ahead. */
  static Prefetch fixed(int jobs) {
    return new Prefetch(jobs, jobs);
  }

  /** Adapts to the recent rate of steps, up to {@link #MAX_ADAPTIVE_PER_SLOT} per slot. */
  static Prefetch adaptive(int concurrency) {
    return new Prefetch(
        -1, (int) Math.min(DbqWorker.MAX_PREFETCH, (long) MAX_ADAPTIVE_PER_SLOT * concurrency));
  }

  boolean isAdaptive() {
    return fixed < 0;
  }

  /** A slot finished a step (whatever its outcome). */
  void stepFinished() {
    finished.incrementAndGet();
  }

  /** Recomputes the prefetch from the rate up to {@code nowNanos}; returns it. */
  int update(long nowNanos) {
    if (!isAdaptive()) {
      return fixed;
    }
    long count = finished.get();
    long elapsed = nowNanos - lastNanos;
    if (elapsed > 0) {
      decayedFinished =
          decayedFinished * Math.exp(-(double) elapsed / RATE_TIME_CONSTANT_NANOS)
              + (count - lastFinished);
      lastNanos = nowNanos;
      lastFinished = count;
    }
    // decayedFinished / time constant is steps per nanosecond
    double ahead = decayedFinished * HORIZON_NANOS / RATE_TIME_CONSTANT_NANOS;
    current = (int) Math.min(cap, Math.floor(ahead));
    return current;
  }

  /**
   * Prefetched jobs went stale: the rate measured before no longer says what the slots will start,
   * so the prefetch starts again from nothing and regrows only as steps finish.
   */
  void forgetRate() {
    decayedFinished = 0;
    lastFinished = finished.get();
    current = 0;
  }

  /** The prefetch computed last (any thread). */
  int current() {
    return current;
  }

  @Override
  public String toString() {
    return isAdaptive()
        ? "adaptive (up to "
            + cap
            + ", "
            + DbqWorker.DEFAULT_PREFETCH_HORIZON.toMillis()
            + " ms ahead)"
        : "" + fixed;
  }
}
