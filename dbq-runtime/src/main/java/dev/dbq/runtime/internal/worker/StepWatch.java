package dev.dbq.runtime.internal.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One claimed step's deadlines: it interrupts the step's thread when the step's timeout runs out,
 * or when the grace period of an operator's cancel does, whichever comes first, and remembers
 * which. The one mechanism behind both timeouts and cancels (see {@link StepDeadlines}).
 *
 * <p>An interrupt lands only between {@link #started} and {@link #ended}: both it and the end
 * happen under this watch's lock, so a deadline that comes late never interrupts the hooks that
 * follow the step, the save, or the slot's next step; {@link #ended} clears an interrupt of its own
 * that the step left pending.
 */
final class StepWatch {
  /** Why the step was interrupted. */
  enum Deadline {
    /** The step's timeout ran out. */
    TIMEOUT,
    /** An operator cancelled the job and the grace period ran out. */
    CANCEL
  }

  /** A watch with no timer: it never interrupts; a cancel is only seen through the flag. */
  static StepWatch unwatched() {
    return new StepWatch(null, null);
  }

  private final ScheduledExecutorService timer;
  private final Duration cancelGrace;
  private final List<ScheduledFuture<?>> scheduled = new ArrayList<>(2);
  private volatile boolean cancelRequested;
  private Thread thread;
  private boolean ended;
  private Deadline passed;
  private Duration timeout;

  StepWatch(ScheduledExecutorService timer, Duration cancelGrace) {
    this.timer = timer;
    this.cancelGrace = cancelGrace;
  }

  /**
   * The step starts on the calling thread; it is interrupted once {@code timeout} has passed.
   *
   * @param stepTimeout the step's timeout, or null for none
   */
  synchronized void started(Duration stepTimeout) {
    thread = Thread.currentThread();
    timeout = stepTimeout;
    if (passed != null) {
      thread.interrupt(); // a cancel's grace ran out before the step started
    } else if (stepTimeout != null) {
      schedule(Deadline.TIMEOUT, stepTimeout);
    }
  }

  /**
   * An operator asked the job to stop: the step sees it through {@link #isCancelRequested} at once
   * and is interrupted once the grace period has passed. Asking again changes nothing.
   */
  void requestCancel() {
    synchronized (this) {
      if (cancelRequested || ended) {
        return;
      }
      cancelRequested = true;
      schedule(Deadline.CANCEL, cancelGrace);
    }
  }

  /**
   * @return whether an operator asked the job to stop
   */
  boolean isCancelRequested() {
    return cancelRequested;
  }

  /**
   * The step ended (returned or threw): no deadline interrupts the thread after this, and an
   * interrupt of this watch's that the step did not consume is cleared.
   *
   * @return the deadline that interrupted the step, or null when none did
   */
  Deadline ended() {
    Deadline interrupted;
    synchronized (this) {
      ended = true;
      scheduled.forEach(f -> f.cancel(false));
      scheduled.clear();
      interrupted = passed;
    }
    if (interrupted != null && thread == Thread.currentThread()) {
      Thread.interrupted();
    }
    return interrupted;
  }

  /**
   * @return the timeout the step was started with, or null
   */
  synchronized Duration timeout() {
    return timeout;
  }

  private void schedule(Deadline deadline, Duration after) {
    if (timer == null) {
      return;
    }
    scheduled.add(timer.schedule(() -> pass(deadline), after.toNanos(), TimeUnit.NANOSECONDS));
  }

  private synchronized void pass(Deadline deadline) {
    if (ended || passed != null) {
      return;
    }
    passed = deadline;
    if (thread != null) {
      thread.interrupt();
    }
  }

  /** A duration as people write it: "30s", "250ms", "1m30s". */
  static String text(Duration d) {
    if (d.getNano() != 0) {
      return d.toMillis() + "ms";
    }
    long s = d.getSeconds();
    StringBuilder b = new StringBuilder();
    if (s >= 3600) {
      b.append(s / 3600).append('h');
      s %= 3600;
    }
    if (s >= 60) {
      b.append(s / 60).append('m');
      s %= 60;
    }
    if (s > 0 || b.length() == 0) {
      b.append(s).append('s');
    }
    return b.toString();
  }
}
