package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.DbqEvent;
import dev.dbq.runtime.DbqListener;
import dev.dbq.runtime.JobState;
import dev.dbq.runtime.internal.RuntimeLoggers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import org.slf4j.Logger;

/**
 * The worker command's progress line, logged at INFO every interval while work happens and never
 * while the worker idles: steps done, the rate over the interval, jobs failed and steps retried,
 * and jobs in flight. It is a {@link DbqListener} of the worker and counts what it hears; {@link
 * #report()} is called by a timer (tests call it with their own clock).
 *
 * <pre>
 * progress: 12000 steps done (+3000 in 10 s, 300.0/s), 2 jobs failed, 1 step retried, 8 in flight
 * </pre>
 */
public final class WorkerProgress implements DbqListener {
  private static final Logger log = RuntimeLoggers.of(WorkerProgress.class);

  private final Clock clock;
  private final IntSupplier inFlight;
  private final LongAdder steps = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private Instant last;
  private long stepsAtLast;
  private long failuresAtLast;

  public WorkerProgress(Clock clock, IntSupplier inFlight) {
    this.clock = clock;
    this.inFlight = inFlight;
    this.last = clock.instant();
  }

  @Override
  public void onStepEnded(DbqEvent.StepEnded event) {
    steps.increment();
  }

  @Override
  public void onJobEnded(DbqEvent.JobEnded event) {
    if (event.state() == JobState.FAILED) {
      failed.increment();
    }
  }

  @Override
  public void onRetryScheduled(DbqEvent.RetryScheduled event) {
    retried.increment();
  }

  /** Logs the line when anything happened since the last call; returns it, or null. */
  public synchronized String report() {
    Instant now = clock.instant();
    long done = steps.sum();
    long failures = failed.sum() + retried.sum();
    int held = inFlight.getAsInt();
    long delta = done - stepsAtLast;
    Duration elapsed = Duration.between(last, now);
    boolean busy = delta > 0 || held > 0 || failures != failuresAtLast;
    last = now;
    stepsAtLast = done;
    failuresAtLast = failures;
    if (!busy) {
      return null;
    }
    String line = line(done, delta, elapsed, failed.sum(), retried.sum(), held);
    log.info(line);
    return line;
  }

  /** Tenths of a second at most, no trailing ".0": a timer's "10.002" reads as "10". */
  private static String seconds(Duration elapsed) {
    long tenths = Math.round(elapsed.toMillis() / 100.0);
    return tenths % 10 == 0 ? Long.toString(tenths / 10) : (tenths / 10) + "." + (tenths % 10);
  }

  static String line(
      long done, long delta, Duration elapsed, long failedJobs, long retriedSteps, int held) {
    double seconds = elapsed.toMillis() / 1000.0;
    double rate = seconds > 0 ? delta / seconds : 0;
    return String.format(
        Locale.ROOT,
        "progress: %d %s done (+%d in %s s, %.1f/s), %d %s failed, %d %s retried, %d in flight",
        done,
        done == 1 ? "step" : "steps",
        delta,
        seconds(elapsed),
        rate,
        failedJobs,
        failedJobs == 1 ? "job" : "jobs",
        retriedSteps,
        retriedSteps == 1 ? "step" : "steps",
        held);
  }
}
