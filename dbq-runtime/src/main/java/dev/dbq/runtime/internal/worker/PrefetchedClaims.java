package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.internal.store.Claim;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The adaptive prefetch's claims in the order they were made, so that the claim loop can hand back
 * those still unstarted {@link Prefetch#STALE_AFTER_NANOS} after their claim. Claim loop thread
 * only.
 */
public final class PrefetchedClaims {
  private record Batch(long claimedNanos, List<Claim> claims) {}

  private final ArrayDeque<Batch> batches = new ArrayDeque<>();

  /** One claim statement's claims, made at {@code nanos}. */
  void claimed(long nanos, List<Claim> claims) {
    batches.addLast(new Batch(nanos, claims));
  }

  /**
   * Removes and returns the claims of every batch claimed at least {@link
   * Prefetch#STALE_AFTER_NANOS} before {@code nowNanos}; some may have started meanwhile.
   */
  List<Claim> takeStale(long nowNanos) {
    List<Claim> stale = new ArrayList<>();
    while (!batches.isEmpty()
        && nowNanos - batches.peekFirst().claimedNanos() >= Prefetch.STALE_AFTER_NANOS) {
      stale.addAll(batches.pollFirst().claims());
    }
    return stale;
  }

  /** Nanoseconds until the oldest batch goes stale (0 if it is), or -1 when there is none. */
  long nanosUntilStale(long nowNanos) {
    Batch oldest = batches.peekFirst();
    return oldest == null
        ? -1
        : Math.max(0, oldest.claimedNanos() + Prefetch.STALE_AFTER_NANOS - nowNanos);
  }
}
