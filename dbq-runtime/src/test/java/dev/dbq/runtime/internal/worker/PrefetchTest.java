package dev.dbq.runtime.internal.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The adaptive prefetch's arithmetic, on given instants (no clock, no database). */
class PrefetchTest {
  private static final long MS = 1_000_000L;

  @Test
  void aFixedPrefetchIsWhatWasAsked() {
    Prefetch p = Prefetch.fixed(64);
    for (int i = 0; i < 1_000; i++) {
      p.stepFinished();
    }
    assertEquals(64, p.update(System.nanoTime() + 50 * MS));
    assertEquals(0, Prefetch.fixed(0).update(System.nanoTime() + 50 * MS));
  }

  @Test
  void noStepFinishedMeansNoPrefetch() {
    Prefetch p = Prefetch.adaptive(8);
    long t = System.nanoTime();
    assertEquals(0, p.update(t));
    assertEquals(0, p.update(t + 1_000 * MS));
  }

  @Test
  void shortStepsEarnWhatTheSlotsStartWithinTheHorizonUpToTheCap() {
    Prefetch p = Prefetch.adaptive(8);
    long t = System.nanoTime();
    p.update(t);
    // 30,000 steps a second: 300 within the 10 ms horizon, once the rate has built up (~100 ms)
    for (int ms = 1; ms <= 200; ms++) {
      for (int i = 0; i < 30; i++) {
        p.stepFinished();
      }
      p.update(t + ms * MS);
    }
    assertEquals(8 * Prefetch.MAX_ADAPTIVE_PER_SLOT, p.current(), "capped at 32 per slot");

    Prefetch slow = Prefetch.adaptive(8);
    slow.update(t);
    // 2,000 steps a second: 20 within the horizon, once the rate has built up
    for (int ms = 1; ms <= 500; ms++) {
      slow.stepFinished();
      slow.stepFinished();
      slow.update(t + ms * MS);
    }
    assertEquals(20, slow.current(), 1);
  }

  @Test
  void stepsOfSecondsEarnNone() {
    Prefetch p = Prefetch.adaptive(8);
    long t = System.nanoTime();
    p.update(t);
    // eight slots of 5 s steps, finishing one after another: 1.6 steps a second
    for (int i = 1; i <= 40; i++) {
      p.stepFinished();
      assertEquals(0, p.update(t + i * 625 * MS), "after step " + i);
    }
  }

  @Test
  void aRateThatStopsDecaysAndAForgottenOneIsGone() {
    Prefetch p = Prefetch.adaptive(8);
    long t = System.nanoTime();
    p.update(t);
    for (int i = 0; i < 200; i++) {
      p.stepFinished();
    }
    int burst = p.update(t + 10 * MS);
    assertEquals(40, burst, "200 steps counted at once: 200 x 10 ms / 50 ms");
    assertEquals(0, p.update(t + 400 * MS), "eight time constants later");

    for (int i = 0; i < 200; i++) {
      p.stepFinished();
    }
    p.forgetRate();
    assertEquals(0, p.current());
    assertEquals(0, p.update(t + 401 * MS), "steps finished before forgetting do not count");
  }
}
