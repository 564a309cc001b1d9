package dev.dbq.runtime.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The times dbq accepts, bounded to what PostgreSQL's {@code timestamptz} and {@code interval}
 * arithmetic can hold, so that an absurd value is refused with its bound instead of failing in the
 * database (or overflowing a {@code long} on the way there).
 */
public final class TimeLimits {
  /** The earliest {@code run_after}: the first instant of year 1. */
  public static final Instant EARLIEST_RUN_AFTER = Instant.parse("0001-01-01T00:00:00Z");

  /** The latest {@code run_after}: the last microsecond of year 9999. */
  public static final Instant LATEST_RUN_AFTER = Instant.parse("9999-12-31T23:59:59.999999Z");

  /**
   * The longest age or delay: 1,000 years (of 365.2425 days). Added to or subtracted from now it
   * stays inside PostgreSQL's timestamps (4713 BC to 294276 AD), and in microseconds inside a
   * {@code long}.
   */
  static final long MAX_SPAN_DAYS = 365_242;

  /** {@link #MAX_SPAN_DAYS} as a duration. */
  static final Duration MAX_SPAN = Duration.ofDays(MAX_SPAN_DAYS);

  /** {@link #MAX_SPAN} in whole hours, for {@code delete-old-jobs --hours}. */
  public static final long MAX_SPAN_HOURS = MAX_SPAN_DAYS * 24;

  /** A wait with no end in practice (a thousand years): for waits that only an event ends. */
  public static final Duration FOREVER = Duration.ofDays(365_000);

  private TimeLimits() {}

  /**
   * @throws IllegalArgumentException naming the instant and the range
   */
  public static Instant checkRunAfter(Instant instant) {
    if (instant.isBefore(EARLIEST_RUN_AFTER) || instant.isAfter(LATEST_RUN_AFTER)) {
      throw new IllegalArgumentException(
          "runAfter "
              + instant
              + " is outside the years 1 to 9999 that dbq stores (from "
              + EARLIEST_RUN_AFTER
              + " to "
              + LATEST_RUN_AFTER
              + ")");
    }
    return instant;
  }

  /**
   * A step's timeout: positive, and at most {@link #MAX_SPAN}.
   *
   * @param what names the value in the message, e.g. "stepTimeout"
   * @throws IllegalArgumentException when {@code timeout} is zero, negative or over 1,000 years
   */
  public static Duration checkTimeout(String what, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + timeout);
    }
    return checkSpan(what, timeout);
  }

  /**
   * @param what names the value in the message, e.g. "runAfter delay"
   * @throws IllegalArgumentException when {@code span} is negative or over {@link #MAX_SPAN}
   */
  public static Duration checkSpan(String what, Duration span) {
    if (span.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, was " + span);
    }
    if (span.compareTo(MAX_SPAN) > 0) {
      throw new IllegalArgumentException(
          what + " must be at most 1,000 years (" + MAX_SPAN + "), was " + span);
    }
    return span;
  }
}
