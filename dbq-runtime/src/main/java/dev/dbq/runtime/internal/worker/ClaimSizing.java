package dev.dbq.runtime.internal.worker;

import java.time.Duration;

/**
 * How much {@link ClaimLoop} claims and when it looks again: the idle slots plus the prefetch,
 * claimed in batches, and the wait until a prefetched claim would go stale.
 */
final class ClaimSizing {

  private final WorkerSettings settings;
  private final ClaimsHeld claims;
  private final RateLimiter rateLimiter;
  private final CompletionBatcher batcher;
  private final Prefetch prefetch;

  ClaimSizing(
      WorkerSettings settings,
      ClaimsHeld claims,
      RateLimiter rateLimiter,
      CompletionBatcher batcher,
      Prefetch prefetch) {
    this.settings = settings;
    this.claims = claims;
    this.rateLimiter = rateLimiter;
    this.batcher = batcher;
    this.prefetch = prefetch;
  }

  /**
   * How many jobs to claim now: up to the idle slots plus the prefetch, once the prefetched jobs
   * are half used (so that claims come in batches, not one per finished step); none while rate
   * limited and no slot is idle.
   */
  int wanted() {
    int busy = claims.active();
    int ahead = rateLimiter.ahead(this::prefetchAhead);
    int room = settings.concurrency() + ahead - busy;
    return busy <= refillMark(ahead) ? room : 0;
  }

  /** What the prefetch claims ahead now. */
  private int prefetchAhead() {
    if (batcher.savesFailing()) {
      // claim nothing ahead while results cannot be saved: what is claimed ahead would either wait
      // for its lease to lapse or run unsaved; the rate is relearnt from the steps that follow
      prefetch.forgetRate();
      return 0;
    }
    return prefetch.update(System.nanoTime());
  }

  /** The slots busy at or below which the loop claims again. */
  int refillMark(int ahead) {
    return settings.concurrency() + ahead / 2 - 1;
  }

  /** The poll interval, or less when an adaptive prefetch will go stale before it. */
  Duration untilNextLook() {
    long staleIn = claims.nanosUntilStale(System.nanoTime());
    return staleIn < 0
        ? settings.pollInterval()
        : Duration.ofNanos(Math.min(staleIn, settings.pollInterval().toNanos()));
  }
}
