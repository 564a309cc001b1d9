package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.internal.store.Claim;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The claims a worker holds and where each one is. A claim is <em>held</em> (leased, renewed,
 * marked STOPPING on shutdown) from {@link #claimed} until its outcome is committed or dropped
 * ({@link #settled}), it is left unstarted ({@link #leftUnstarted}), handed back unstarted by a
 * shutdown ({@link #handedBack}) or its run handed back ({@link #runsHandedBack}). Meanwhile it
 * waits to start, runs on a slot thread, or waits for its save. While this worker's own statement
 * gives a claim up ({@link #releasing}), a renewal that misses it does not count it lost ({@link
 * #lostAmong}).
 *
 * <p>The invariants, each kept by the operations here only:
 *
 * <ul>
 *   <li>taking a claim out of "not started" ({@link #takeToStart}, {@link #withdrawUnstarted},
 *       {@link #leaveStale}) is the right to run it or to hand it back, never both;
 *   <li>{@link #active()} counts the claims waiting to start or running: what the next claim is
 *       sized against;
 *   <li>a claim left unstarted is no longer held, but stays {@link #abandoned()} until the claim
 *       loop has given it back ({@link #givenBack}), so that a claim that proves nothing is left
 *       cannot be made while one waits to go back.
 * </ul>
 *
 * <p>Thread use: the claim loop claims, the slots start and finish, the saver settles, the lease
 * keeper reads; the adaptive prefetch's batches ({@link #claimedAhead}, {@link #leaveStale}, {@link
 * #nanosUntilStale}) belong to the claim loop alone.
 */
final class ClaimsHeld {
  private final Map<UUID, Claim> held = new ConcurrentHashMap<>();
  private final Set<UUID> notStarted = ConcurrentHashMap.newKeySet();
  // the slot thread of each running claim: a shutdown reads their stacks to tell a step that
  // called System.exit from a signal
  private final Map<UUID, Thread> running = new ConcurrentHashMap<>();
  // when each started claim's step started (System.nanoTime()), until it is settled: a hand-back
  // records the run with it
  private final Map<UUID, Long> runStarts = new ConcurrentHashMap<>();
  // left unstarted (the database was failing, or an adaptive prefetch went stale): given back by
  // the claim loop as soon as the database answers
  private final Set<UUID> abandoned = ConcurrentHashMap.newKeySet();
  private final AtomicInteger active = new AtomicInteger();
  // claims this worker is giving up itself (a save or a hand-back sent, the claims not yet removed
  // from held), each with how many such statements are in flight (a late hand-back and the save of
  // the same step may overlap): a renewal that misses one met the worker's own statement, not a
  // lost lease
  private final Map<UUID, Integer> releasing = new ConcurrentHashMap<>();
  private final PrefetchedClaims prefetched = new PrefetchedClaims();
  // a test's seam: told the claims about to stop being held (settled or handed back), just before
  // they are removed, so that a test can run a renewal in that moment; null (nothing built on a
  // step's path) unless a test sets it
  private volatile Consumer<Set<UUID>> beforeLetGo;

  /** Tells {@code hook} the claims about to stop being held, just before; for tests. */
  void beforeLetGo(Consumer<Set<UUID>> hook) {
    beforeLetGo = hook;
  }

  private void announceLetGo(Set<UUID> claimIds) {
    Consumer<Set<UUID>> hook = beforeLetGo;
    if (hook != null) {
      hook.accept(Set.copyOf(claimIds));
    }
  }

  /** A claim was made and is handed to a slot: held, and waiting to start. */
  void claimed(Claim claim) {
    held.put(claim.claimId(), claim);
    notStarted.add(claim.claimId());
    active.incrementAndGet();
  }

  /** One claim statement's claims went beyond the idle slots, at {@code nanos}. */
  void claimedAhead(long nanos, List<Claim> claims) {
    prefetched.claimed(nanos, claims);
  }

  /**
   * A slot takes the right to start the claim.
   *
   * @return false when it was handed back or left unstarted first
   */
  boolean takeToStart(UUID claimId) {
    return notStarted.remove(claimId);
  }

  /**
   * The claim's step runs now, on {@code slot}.
   *
   * @return when it started ({@link System#nanoTime()}), for its history
   */
  long started(UUID claimId, Thread slot) {
    long now = System.nanoTime();
    runStarts.put(claimId, now);
    running.put(claimId, slot);
    return now;
  }

  /** When the held claim's step started ({@link System#nanoTime()}), or null if it did not. */
  Long startedNanos(UUID claimId) {
    return runStarts.get(claimId);
  }

  /**
   * The slot is done with the claim (its step ran, or it never started after {@link #takeToStart}
   * and was neither left unstarted): still held until {@link #settled}.
   *
   * @return the claims still waiting to start or running
   */
  int slotDone(UUID claimId) {
    running.remove(claimId);
    return active.decrementAndGet();
  }

  /** The claim's outcome was committed or dropped: no longer held. */
  void settled(UUID claimId) {
    Consumer<Set<UUID>> hook = beforeLetGo;
    if (hook != null) {
      hook.accept(Set.of(claimId));
    }
    held.remove(claimId);
    runStarts.remove(claimId);
  }

  /**
   * A claim taken to start will not start here: no longer held, and {@link #abandoned()} until the
   * claim loop gives it back.
   */
  void leftUnstarted(UUID claimId) {
    abandoned.add(claimId);
    held.remove(claimId);
    active.decrementAndGet();
  }

  /**
   * Leaves unstarted the adaptive prefetches claimed {@link Prefetch#STALE_AFTER_NANOS} before
   * {@code nowNanos} that no slot has taken yet.
   *
   * @return how many were left
   */
  int leaveStale(long nowNanos) {
    int left = 0;
    for (Claim claim : prefetched.takeStale(nowNanos)) {
      if (notStarted.remove(claim.claimId())) {
        leftUnstarted(claim.claimId());
        left++;
      }
    }
    return left;
  }

  /** Nanoseconds until the oldest adaptive prefetch goes stale (0 if it is), or -1 for none. */
  long nanosUntilStale(long nowNanos) {
    return prefetched.nanosUntilStale(nowNanos);
  }

  /** The claims left unstarted and not yet given back. */
  Set<UUID> abandoned() {
    return new HashSet<>(abandoned);
  }

  /** These claims left unstarted went back to READY. */
  void givenBack(Set<UUID> claimIds) {
    abandoned.removeAll(claimIds);
  }

  /** A shutdown takes every claim still waiting to start, to hand them back. */
  Set<UUID> withdrawUnstarted() {
    Set<UUID> unstarted = new HashSet<>();
    for (UUID id : List.copyOf(notStarted)) {
      if (notStarted.remove(id)) {
        unstarted.add(id);
      }
    }
    return unstarted;
  }

  /** The claims {@link #withdrawUnstarted} took were handed back: no longer held. */
  void handedBack(Set<UUID> withdrawn) {
    announceLetGo(withdrawn);
    for (UUID id : withdrawn) {
      held.remove(id);
      active.decrementAndGet();
    }
  }

  /**
   * This worker sends a statement that gives up these claims (saves their outcomes, or hands them
   * back): until {@link #releaseDone}, a renewal that does not find one does not count it lost.
   * Call {@link #releaseDone} in a {@code finally}, after the claims given up left the held claims.
   */
  void releasing(Collection<UUID> claimIds) {
    for (UUID id : claimIds) {
      releasing.merge(id, 1, Integer::sum);
    }
  }

  /** The statement {@link #releasing} announced is over (committed, or failed). */
  void releaseDone(Collection<UUID> claimIds) {
    for (UUID id : claimIds) {
      releasing.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1);
    }
  }

  /**
   * Of the claims a renewal did not find, those whose lease was lost: still held, and not being
   * given up by this worker itself (its save or hand-back committed first, and the claim was about
   * to leave the held claims).
   */
  Set<UUID> lostAmong(Set<UUID> notRenewed) {
    Set<UUID> lost = new HashSet<>();
    for (UUID id : notRenewed) {
      // releasing first, held second: a release removes the claim from held before it clears its
      // mark, so a claim the worker gave up is seen either marked or no longer held
      if (!releasing.containsKey(id) && held.containsKey(id)) {
        lost.add(id);
      }
    }
    return lost;
  }

  /**
   * Claims that were running were handed back (their runs recorded): no longer held, though their
   * slots may still be in their steps. Their later {@link #slotDone} and {@link #settled} remain
   * due.
   */
  void runsHandedBack(Set<UUID> claimIds) {
    announceLetGo(claimIds);
    for (UUID id : claimIds) {
      held.remove(id);
    }
  }

  /** The claims held now: what the lease keeper renews, what a shutdown marks STOPPING. */
  Set<UUID> heldNow() {
    return Set.copyOf(held.keySet());
  }

  /** How many claims are held. */
  int heldCount() {
    return held.size();
  }

  /** A held claim, or null. */
  Claim claim(UUID claimId) {
    return held.get(claimId);
  }

  /**
   * Whether nothing is held and nothing waits to be given back: then every save has committed, and
   * a claim that finds nothing proves that nothing runnable is left.
   */
  boolean holdsNothing() {
    return held.isEmpty() && abandoned.isEmpty();
  }

  /** Claims waiting to start or running. */
  int active() {
    return active.get();
  }

  /** The running claims and their slot threads, as they change. */
  Map<UUID, Thread> running() {
    return Collections.unmodifiableMap(running);
  }

  /** The claims running now. */
  Set<UUID> runningNow() {
    return new HashSet<>(running.keySet());
  }
}
