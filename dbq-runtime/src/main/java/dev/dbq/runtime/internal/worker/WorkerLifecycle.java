package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.internal.PermanentFault;
import dev.dbq.runtime.internal.TimeLimits;
import java.time.Duration;
import java.util.Optional;

/**
 * A {@link DbqWorker}'s life: new, running its {@link ClaimLoop}, stopped. A worker starts once;
 * what it says about itself (in flight, running, why it stopped) comes from its loop, and is the
 * quiet answer before the start. Thread-safe: the API may be called from any thread.
 */
public final class WorkerLifecycle {
  private enum State {
    NEW,
    RUNNING,
    STOPPED
  }

  private final WorkerConfig config;
  private final WorkerEvents events;
  private final Object lock = new Object();
  private State state = State.NEW;
  private ClaimLoop loop;
  // fires the catalog's @Recurring schedules while the worker runs (not when it drains and exits)
  private ScheduleFiring firing;

  /**
   * @param config what the worker runs with
   * @param events who hears about its work
   */
  public WorkerLifecycle(WorkerConfig config, WorkerEvents events) {
    this.config = config;
    this.events = events;
  }

  /**
   * Starts claiming in background threads; returns at once.
   *
   * @param exitWhenEmpty stop once nothing runnable is left (and listen for no notification)
   * @throws IllegalStateException when already started
   */
  public void start(boolean exitWhenEmpty) {
    synchronized (lock) {
      if (state != State.NEW) {
        throw new IllegalStateException(
            "worker " + config.settings().workerId() + " was already started");
      }
      loop = new ClaimLoop(config, exitWhenEmpty, events);
      loop.start();
      if (!exitWhenEmpty) {
        firing =
            new ScheduleFiring(
                config.dataSource(),
                config.settings().catalog().jobs().stream()
                    .filter(job -> config.schedulesFired().test(job.queue()))
                    .toList(),
                "dbq-schedules-" + config.settings().workerId());
        firing.start();
      }
      state = State.RUNNING;
    }
  }

  /**
   * Runs until nothing runnable is left.
   *
   * @param closeWait on an interrupt, how long to wait for the stop that follows
   * @return how many steps ran
   * @throws InterruptedException when interrupted; the worker is then stopped
   */
  public long runUntilEmpty(Duration closeWait) throws InterruptedException {
    start(true);
    ClaimLoop running = current();
    try {
      running.awaitTermination(TimeLimits.FOREVER);
    } catch (InterruptedException e) {
      stop();
      try {
        awaitTermination(closeWait);
      } catch (InterruptedException again) {
        Thread.currentThread().interrupt();
      }
      throw e;
    }
    synchronized (lock) {
      state = State.STOPPED;
    }
    return running.stepsRun();
  }

  /** Stops claiming and returns at once; see {@link DbqWorker#stop()}. */
  public void stop() {
    synchronized (lock) {
      if (firing != null) {
        firing.stop();
      }
      if (loop != null) {
        loop.stop();
      }
      state = State.STOPPED;
    }
  }

  /**
   * @param timeout the longest wait
   * @return true when it stopped (or never started), false on timeout
   * @throws InterruptedException when interrupted
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    ClaimLoop current = current();
    return current == null || current.awaitTermination(timeout);
  }

  /**
   * @return the line that says why the worker stopped by itself, naming the fix; empty while it
   *     runs and after a stop that was asked for
   */
  public Optional<String> failure() {
    ClaimLoop current = current();
    PermanentFault fault = current == null ? null : current.fault();
    return fault == null
        ? Optional.empty()
        : Optional.of("worker " + config.settings().workerId() + " stopped: " + fault.line());
  }

  /**
   * @return jobs claimed and not yet saved, 0 before the start
   */
  public int inFlight() {
    ClaimLoop current = current();
    return current == null ? 0 : current.inFlight();
  }

  /**
   * @return whether the worker was started and has not stopped yet
   */
  public boolean isRunning() {
    ClaimLoop current = current();
    return current != null && !current.isTerminated();
  }

  /**
   * @return what ended the worker when a step called {@code System.exit}, or null
   */
  public String stepExit() {
    ClaimLoop current = current();
    return current == null ? null : current.stepExit();
  }

  /**
   * @return whether the wake-up listener is connected and listening
   */
  public boolean isListening() {
    ClaimLoop current = current();
    return current != null && current.isListening();
  }

  private ClaimLoop current() {
    synchronized (lock) {
      return loop;
    }
  }
}
