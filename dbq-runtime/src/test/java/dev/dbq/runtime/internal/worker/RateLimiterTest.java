package dev.dbq.runtime.internal.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The rate limit is measured on the worker's clock, so a test moves time instead of waiting. */
public class RateLimiterTest {

  /** A clock the test moves by hand. */
  public static final class ManualClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    public void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void withoutAGapEveryTurnClaimsWhatIsWantedAndThePrefetchDecidesWhatIsClaimedAhead()
      throws Exception {
    RateLimiter none = RateLimiter.of(new ManualClock(), Duration.ofNanos(999_999), new WakeUp());

    assertSame(RateLimiter.NONE, none, "a gap under a millisecond is no rate limit");
    assertEquals(5, none.turn(5, () -> false), "no wait, whatever the loop is told");
    assertEquals(7, none.ahead(() -> 7));
  }

  @Test
  void aGapClaimsOneJobPerTurnAndNoneAhead() throws Exception {
    RateLimiter gap = RateLimiter.of(new ManualClock(), Duration.ofMillis(1), new WakeUp());

    assertEquals(1, gap.turn(5, () -> true));
    assertEquals(0, gap.ahead(() -> 7));
    assertEquals(0, gap.turn(5, () -> false), "a stop ends the turn without a claim");
  }

  @Test
  void theFirstStartIsFreeAndTheNextWaitsForTheGapOnTheClock() throws Exception {
    ManualClock clock = new ManualClock();
    WakeUp wakeUp = new WakeUp();
    MinimumGap limiter = new MinimumGap(clock, Duration.ofHours(1), wakeUp);
    assertTrue(limiter.awaitTurn(() -> true));
    limiter.dispatched();
    limiter.started();

    CompletableFuture<Boolean> next =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return limiter.awaitTurn(() -> true);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    clock.advance(Duration.ofMinutes(59));
    wakeUp.signal();
    assertFalse(next.isDone() && next.getNow(false), "59 minutes are not an hour");
    clock.advance(Duration.ofMinutes(1));
    wakeUp.signal();

    assertTrue(next.get(10, TimeUnit.SECONDS));
  }

  @Test
  void theNextTurnWaitsForTheJobDispatchedLastToStartAndCountsTheGapFromItsStart()
      throws Exception {
    ManualClock clock = new ManualClock();
    WakeUp wakeUp = new WakeUp();
    MinimumGap limiter = new MinimumGap(clock, Duration.ofHours(1), wakeUp);
    assertTrue(limiter.awaitTurn(() -> true));
    limiter.dispatched();

    clock.advance(Duration.ofHours(2));
    wakeUp.signal();
    assertFalse(
        limiter.awaitTurn(onlyFirst(1)), "two hours on, the dispatched job has not started");
    limiter.started();
    wakeUp.signal();
    assertFalse(limiter.awaitTurn(onlyFirst(1)), "the gap counts from the real start");
    clock.advance(Duration.ofHours(1));

    assertTrue(limiter.awaitTurn(onlyFirst(1)), "an hour after the start, at once");
  }

  @Test
  void aJobHandedBackBeforeItStartedReleasesTheTurn() throws Exception {
    WakeUp wakeUp = new WakeUp();
    MinimumGap limiter = new MinimumGap(new ManualClock(), Duration.ofHours(1), wakeUp);
    limiter.dispatched();
    CompletableFuture<Boolean> next = turn(limiter);

    limiter.abandoned();
    wakeUp.signal();

    assertTrue(next.get(10, TimeUnit.SECONDS), "nothing started, so there is no gap to wait for");
  }

  /**
   * Keeps waiting for the first {@code n} looks only: with a signal pending, one wait returns at
   * once and the turn then ends, so a turn that is not due returns false without blocking.
   */
  private static BooleanSupplier onlyFirst(int n) {
    AtomicInteger looks = new AtomicInteger();
    return () -> looks.incrementAndGet() <= n;
  }

  private static CompletableFuture<Boolean> turn(MinimumGap limiter) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return limiter.awaitTurn(() -> true);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void aStopEndsTheWait() throws Exception {
    ManualClock clock = new ManualClock();
    WakeUp wakeUp = new WakeUp();
    MinimumGap limiter = new MinimumGap(clock, Duration.ofHours(1), wakeUp);
    limiter.dispatched();
    limiter.started();
    wakeUp.signal();

    assertFalse(limiter.awaitTurn(() -> false));
  }
}
