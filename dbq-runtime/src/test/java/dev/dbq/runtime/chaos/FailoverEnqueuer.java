package dev.dbq.runtime.chaos;

import dev.dbq.runtime.ChaosWorkerMain;
import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.TestJobBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An application that keeps enqueuing while the database fails over: a thread that enqueues one
 * {@link ChaosWorkerMain#JOB} job at a time through the API, on a {@link Dbq} of its own pool
 * ({@link Dbq#connect}), and tries again after a failure, as an application's retry would. An
 * enqueue is <em>acknowledged</em> when {@code enqueue} returned its id: that job must exist and
 * run. One that threw may or may not have been committed (the commit may have reached the standby
 * after the primary's last answer), so it is counted, not asserted.
 */
final class FailoverEnqueuer implements AutoCloseable {
  // an application's steady trickle of jobs, not a flood the drain would never catch up with
  private static final Duration GAP = Duration.ofMillis(50);

  /** One enqueue call: when it started and ended ({@code System.nanoTime}), its id or null. */
  record Call(long started, long ended, UUID id) {}

  private final Dbq dbq;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile Throwable died;
  private volatile String firstFailure;

  FailoverEnqueuer(String url) {
    dbq = Dbq.connect(url);
    thread = new Thread(this::run, "failover-enqueuer");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (!stopped) {
        long started = System.nanoTime();
        UUID id = null;
        try {
          id = TestJobBuilder.named(ChaosWorkerMain.JOB).enqueue(dbq);
        } catch (RuntimeException e) {
          // not acknowledged: the application tries again with a new job
          if (firstFailure == null) {
            firstFailure = e.getMessage();
          }
        }
        calls.add(new Call(started, System.nanoTime(), id));
        // the application's pace between two enqueues; nothing here waits for a condition
        LockSupport.parkNanos(GAP.toNanos());
      }
    } catch (Throwable e) {
      died = e;
    }
  }

  /** Jobs acknowledged so far. */
  long acknowledgedCount() {
    return calls.stream().filter(c -> c.id() != null).count();
  }

  /** Every acknowledged job, in order. */
  List<UUID> acknowledged() {
    return calls.stream().map(Call::id).filter(Objects::nonNull).toList();
  }

  /** Enqueues that threw (each may or may not have committed). */
  long failures() {
    return calls.stream().filter(c -> c.id() == null).count();
  }

  /** The message of the first enqueue that threw, or null. */
  String firstFailure() {
    return firstFailure;
  }

  /**
   * How long no enqueue was acknowledged around {@code nanos}: from the last acknowledgement before
   * it to the first after it.
   */
  Duration pauseAround(long nanos) {
    long before = Long.MIN_VALUE;
    long after = Long.MAX_VALUE;
    for (Call c : calls) {
      if (c.id() == null) {
        continue;
      }
      if (c.ended() <= nanos) {
        before = Math.max(before, c.ended());
      } else {
        after = Math.min(after, c.ended());
      }
    }
    if (before == Long.MIN_VALUE || after == Long.MAX_VALUE) {
      throw new IllegalStateException("no acknowledged enqueue on both sides");
    }
    return Duration.ofNanos(after - before);
  }

  /** Stops enqueuing and waits for the last enqueue to end; fails if the thread died. */
  void stop() throws InterruptedException {
    stopped = true;
    thread.join(TimeUnit.SECONDS.toMillis(60));
    if (thread.isAlive()) {
      throw new AssertionError("the enqueuer did not stop within 60 s");
    }
    if (died != null) {
      throw new AssertionError("the enqueuer died", died);
    }
  }

  /** Stops enqueuing (without waiting) and closes the pool. */
  @Override
  public void close() {
    stopped = true;
    dbq.close();
  }
}
