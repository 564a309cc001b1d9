package dev.dbq.runtime.internal.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A step's deadlines interrupt it only while it runs, and say which one did. */
class StepWatchTest {
  private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
    timer.shutdownNow();
  }

  /** Lets every task already scheduled run (delayed tasks still run after shutdown). */
  private void drainTimer() throws InterruptedException {
    timer.shutdown();
    assertTrue(timer.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void aTimeoutInterruptsTheRunningStepAndEndingClearsTheInterrupt() throws Exception {
    StepWatch watch = new StepWatch(timer, Duration.ofHours(1));
    watch.started(Duration.ofNanos(1));
    // spun, not slept: a blocking wait would consume the interrupt
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }

    assertTrue(Thread.currentThread().isInterrupted());
    assertEquals(StepWatch.Deadline.TIMEOUT, watch.ended());
    assertFalse(Thread.currentThread().isInterrupted());
  }

  @Test
  void aCancelAfterTheStepEndedNeverInterruptsTheThread() throws Exception {
    StepWatch watch = new StepWatch(timer, Duration.ZERO);
    watch.started(Duration.ofHours(1));
    assertNull(watch.ended());
    watch.requestCancel();
    drainTimer();

    assertFalse(Thread.currentThread().isInterrupted());
    assertFalse(watch.isCancelRequested());
  }

  @Test
  void aCancelWhoseGraceRanOutBeforeTheStepStartedInterruptsItAtItsStart() throws Exception {
    StepWatch watch = new StepWatch(timer, Duration.ZERO);
    watch.requestCancel();
    drainTimer();
    assertTrue(watch.isCancelRequested());

    watch.started(null);
    assertTrue(Thread.currentThread().isInterrupted());
    assertEquals(StepWatch.Deadline.CANCEL, watch.ended());
    assertFalse(Thread.currentThread().isInterrupted());
  }

  @Test
  void aCancelIsSeenAtOnceAndInterruptsOnlyOnceItsGraceRanOut() throws Exception {
    StepWatch watch = new StepWatch(timer, Duration.ofHours(1));
    watch.started(null);
    watch.requestCancel();

    assertTrue(watch.isCancelRequested());
    assertFalse(Thread.currentThread().isInterrupted());
    assertNull(watch.ended());
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    assertEquals("30s", StepWatch.text(Duration.ofSeconds(30)));
    assertEquals("250ms", StepWatch.text(Duration.ofMillis(250)));
    assertEquals("1m30s", StepWatch.text(Duration.ofSeconds(90)));
    assertEquals("2h", StepWatch.text(Duration.ofHours(2)));
  }
}
