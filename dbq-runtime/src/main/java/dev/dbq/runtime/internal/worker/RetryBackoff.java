package dev.dbq.runtime.internal.worker;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for failed steps that have attempts left: after attempt {@code n}
 * the job waits {@code base * 2^(n-1)}, capped, scaled by a random factor in [0.5, 1) so that jobs
 * failing together do not retry together.
 *
 * @param base the wait after the first failed attempt (before jitter)
 * @param max the cap (before jitter)
 */
public record RetryBackoff(Duration base, Duration max) {

  /**
   * The wait after the given attempt failed.
   *
   * @param attempt the attempt that failed, 1 for the first
   * @return a positive duration
   */
  public Duration after(int attempt) {
    int doublings = Math.min(Math.max(attempt - 1, 0), 30);
    long millis = base.toMillis();
    long capped =
        Math.min(
            max.toMillis(),
            // a shift that would push bits out (or into the sign) saturates
            doublings >= Long.numberOfLeadingZeros(millis) - 1
                ? Long.MAX_VALUE
                : millis << doublings);
    double jitter = 0.5 + ThreadLocalRandom.current().nextDouble() * 0.5;
    return Duration.ofMillis(Math.max(1, (long) (capped * jitter)));
  }
}
