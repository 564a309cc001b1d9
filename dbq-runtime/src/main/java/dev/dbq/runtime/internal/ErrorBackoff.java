package dev.dbq.runtime.internal;

/**
 * The wait before trying a failed database call again, for the threads that must outlive an outage
 * (the claim loop, the completion batcher, the wake-up listener): 100 ms after the first failure,
 * doubled after each further one in a row, at most 30 s; a success starts again at 100 ms. Not
 * thread-safe: each retrying loop keeps its own.
 */
public final class ErrorBackoff {
  static final long FIRST_MILLIS = 100;
  static final long MAX_MILLIS = 30_000;

  private long millis = FIRST_MILLIS;

  /** The wait before the next try. */
  public long millis() {
    return millis;
  }

  /** The try after the current wait failed too: the next wait is twice as long, up to the cap. */
  public void failedAgain() {
    millis = Math.min(millis * 2, MAX_MILLIS);
  }

  /** A try succeeded: the next failure waits the first wait again. */
  public void reset() {
    millis = FIRST_MILLIS;
  }
}
