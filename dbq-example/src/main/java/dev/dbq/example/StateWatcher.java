package dev.dbq.example;

import dev.dbq.runtime.DbqEvent;
import dev.dbq.runtime.DbqListener;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.JobState;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Prints one line whenever one of the demo's jobs changes state or step, as the {@code Dbq} and the
 * worker tell it ({@link DbqListener}: no polling of the table), and the log lines among them as
 * they come, all in time order.
 *
 * <p>Steps and attempts are counted from 1, as in every message of dbq ("step 1 of 2 (fetch)").
 */
final class StateWatcher implements DbqListener {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private final JobCatalog catalog;
  private final PrintStream out;
  private final Clock clock = Clock.system(ZoneId.systemDefault());
  private final Map<UUID, JobState> states = new LinkedHashMap<>();

  StateWatcher(JobCatalog catalog, PrintStream out) {
    this.catalog = catalog;
    this.out = out;
  }

  /** Waits until every job enqueued is final (COMPLETE, FAILED, CANCELLED); false on time-out. */
  synchronized boolean awaitAllFinal(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!states.values().stream().allMatch(JobState::isFinal)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** A log line, from {@link DemoLogAppender}, stamped like the state lines. */
  synchronized void logged(String line) {
    out.print(DemoLogAppender.stamped(line));
  }

  synchronized Map<UUID, JobState> states() {
    return new LinkedHashMap<>(states);
  }

  @Override
  public synchronized void onEnqueued(DbqEvent.Enqueued event) {
    for (DbqEvent.EnqueuedJob job : event.jobs()) {
      states.put(job.job().id(), JobState.NEW);
      print(
          job.job(),
          JobState.NEW,
          "next: "
              + step(job.job().name(), 0)
              + ", queue "
              + job.job().queue()
              + ", priority "
              + job.priority());
    }
  }

  @Override
  public synchronized void onStepStarted(DbqEvent.StepStarted event) {
    DbqEvent.RunningStep run = event.run();
    states.put(run.job().id(), JobState.PROCESSING);
    print(
        run.job(),
        JobState.PROCESSING,
        "running " + step(run.job().name(), run.stepIndex()) + ", " + attempt(run));
  }

  @Override
  public synchronized void onStepEnded(DbqEvent.StepEnded event) {
    DbqEvent.RunningStep run = event.run();
    int steps = definition(run.job().name()).steps().size();
    if (event.result() == DbqEvent.StepResult.SUCCEEDED && run.stepIndex() + 1 < steps) {
      states.put(run.job().id(), JobState.READY);
      print(run.job(), JobState.READY, "next: " + step(run.job().name(), run.stepIndex() + 1));
    }
  }

  @Override
  public synchronized void onRetryScheduled(DbqEvent.RetryScheduled event) {
    states.put(event.job().id(), JobState.READY);
    print(
        event.job(),
        JobState.READY,
        "next: "
            + step(event.job().name(), event.stepIndex())
            + ", retried in "
            + event.backoff().toSeconds()
            + " s after: "
            + event.error());
  }

  @Override
  public synchronized void onJobEnded(DbqEvent.JobEnded event) {
    states.put(event.job().id(), event.state());
    int count = definition(event.job().name()).steps().size();
    String what =
        event.state() == JobState.COMPLETE
            ? "all steps done (" + count + " of " + count + ")"
            : event.state() == JobState.CANCELLED
                ? "cancelled in " + step(event.job().name(), event.stepIndex())
                : "failed in "
                    + step(event.job().name(), event.stepIndex())
                    + ", attempt "
                    + event.attempt()
                    + " of "
                    + definition(event.job().name()).maxAttempts()
                    + ": "
                    + event.error();
    print(event.job(), event.state(), what);
    notifyAll();
  }

  private void print(DbqEvent.JobRef job, JobState state, String what) {
    out.println(
        String.format(
            "%s  %-18s  %s  %-10s  %s",
            TIME.format(LocalTime.now(clock)),
            job.name(),
            job.id().toString().substring(0, 8),
            state,
            what));
  }

  private JobDefinition definition(String name) {
    return catalog.job(name).orElseThrow();
  }

  /** Which step, by number and name. */
  private String step(String job, int index) {
    JobDefinition definition = definition(job);
    int count = definition.steps().size();
    return index < count
        ? "step " + (index + 1) + " of " + count + " (" + definition.steps().get(index).name() + ")"
        : "";
  }

  private String attempt(DbqEvent.RunningStep run) {
    return "attempt " + run.attempt() + " of " + definition(run.job().name()).maxAttempts();
  }
}
