package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.DbqEvent;
import dev.dbq.runtime.DbqEvent.JobRef;
import dev.dbq.runtime.DbqEvent.RunningStep;
import dev.dbq.runtime.DbqEvent.StepResult;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.JobState;
import dev.dbq.runtime.StepDefinition;
import dev.dbq.runtime.internal.Listeners;
import dev.dbq.runtime.internal.TraceContextJson;
import dev.dbq.runtime.internal.store.Claim;
import dev.dbq.runtime.internal.store.StepOutcome;
import dev.dbq.runtime.internal.store.WorkerStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's {@link WorkerEvents} as public {@link DbqEvent}s, told to the worker's {@link
 * Listeners}: the step's name is looked up in the catalog, durations become {@link Duration}s. An
 * event no listener {@linkplain Listeners#hears hears} is not built (a tracing listener hears step
 * starts and ends only: the save thread then builds nothing for it).
 */
public final class ListenerEvents implements WorkerEvents {
  private final Listeners listeners;
  // step names by job name, looked up once: a generated catalog's job(name) is a scan
  private final Map<String, List<String>> stepNames = new HashMap<>();
  private final String workerId;

  /**
   * @param listeners who to tell
   * @param catalog the worker's jobs, for step names
   * @param workerId the worker's id, named in its events
   */
  public ListenerEvents(Listeners listeners, JobCatalog catalog, String workerId) {
    this.listeners = listeners;
    for (JobDefinition job : catalog.jobs()) {
      stepNames.put(job.name(), job.steps().stream().map(StepDefinition::name).toList());
    }
    this.workerId = workerId;
  }

  @Override
  public void workerStarted(List<String> queues, int concurrency) {
    if (!listeners.hears("onWorkerStarted")) {
      return;
    }
    var event = new DbqEvent.WorkerStarted(workerId, List.copyOf(queues), concurrency);
    listeners.tell("onWorkerStarted", l -> l.onWorkerStarted(event));
  }

  @Override
  public void workerStopped(int concurrency, long stepsRun) {
    if (!listeners.hears("onWorkerStopped")) {
      return;
    }
    var event = new DbqEvent.WorkerStopped(workerId, concurrency, stepsRun);
    listeners.tell("onWorkerStopped", l -> l.onWorkerStopped(event));
  }

  @Override
  public void wokeUp(boolean notified) {
    if (!listeners.hears("onWokeUp")) {
      return;
    }
    var event =
        new DbqEvent.WokeUp(
            workerId, notified ? DbqEvent.WakeUpSource.NOTIFY : DbqEvent.WakeUpSource.POLL);
    listeners.tell("onWokeUp", l -> l.onWokeUp(event));
  }

  @Override
  public void claimed(int wanted, int claimed, long nanos) {
    if (!listeners.hears("onClaimed")) {
      return;
    }
    var event = new DbqEvent.Claimed(workerId, wanted, claimed, Duration.ofNanos(nanos));
    listeners.tell("onClaimed", l -> l.onClaimed(event));
  }

  @Override
  public void stepStarted(Claim claim) {
    if (!listeners.hears("onStepStarted")) {
      return;
    }
    Duration delay =
        claim.stepIndex() == 0 && claim.attempt() == 1 && claim.runnableMicros() >= 0
            ? Duration.ofNanos(claim.runnableMicros() * 1000)
            : null;
    var event =
        new DbqEvent.StepStarted(
            run(claim), delay, TraceContextJson.read(claim.traceContextJson()));
    listeners.tell("onStepStarted", l -> l.onStepStarted(event));
  }

  @Override
  public void stepEnded(Claim claim, StepOutcome outcome, long nanos) {
    if (!listeners.hears("onStepEnded")) {
      return;
    }
    StepResult result;
    String error = null;
    if (outcome instanceof StepOutcome.Retry r) {
      result = StepResult.RETRYING;
      error = r.error();
    } else if (outcome instanceof StepOutcome.Failed f) {
      result = StepResult.FAILED;
      error = f.error();
    } else if (outcome instanceof StepOutcome.Cancelled c) {
      result = StepResult.CANCELLED;
      error = c.error();
    } else if (outcome == null) {
      result = StepResult.LOST;
    } else {
      result = StepResult.SUCCEEDED;
    }
    var event = new DbqEvent.StepEnded(run(claim), result, Duration.ofNanos(nanos), error);
    listeners.tell("onStepEnded", l -> l.onStepEnded(event));
  }

  @Override
  public void stepSaved(Claim claim, StepOutcome outcome) {
    if (outcome instanceof StepOutcome.Retry r) {
      if (!listeners.hears("onRetryScheduled")) {
        return;
      }
      var event =
          new DbqEvent.RetryScheduled(
              job(claim), claim.stepIndex(), claim.attempt(), r.backoff(), r.error());
      listeners.tell("onRetryScheduled", l -> l.onRetryScheduled(event));
      return;
    }
    JobState state = outcome.state();
    if (!state.isFinal()) {
      return;
    }
    boolean cancelled = state == JobState.CANCELLED && listeners.hears("onCancelled");
    if (!listeners.hears("onJobEnded")) {
      if (cancelled) {
        tellCancelled(claim);
      }
      return;
    }
    String error =
        outcome instanceof StepOutcome.Failed f
            ? f.error()
            : outcome instanceof StepOutcome.Cancelled c ? c.error() : null;
    Duration age =
        claim.ageMicros() < 0
            ? Duration.ZERO
            : Duration.ofNanos(claim.ageMicros() * 1000 + System.nanoTime() - claim.claimedNanos());
    var event =
        new DbqEvent.JobEnded(job(claim), state, claim.stepIndex(), claim.attempt(), age, error);
    listeners.tell("onJobEnded", l -> l.onJobEnded(event));
    if (cancelled) {
      tellCancelled(claim);
    }
  }

  private void tellCancelled(Claim claim) {
    var event = new DbqEvent.Cancelled(job(claim), claim.stepIndex());
    listeners.tell("onCancelled", l -> l.onCancelled(event));
  }

  @Override
  public void rescued(WorkerStore.Rescued r) {
    if (!listeners.hears("onRescued")) {
      return;
    }
    var event =
        new DbqEvent.Rescued(
            new JobRef(r.id(), r.name(), r.queue()), r.step(), r.attempt(), workerId);
    listeners.tell("onRescued", l -> l.onRescued(event));
  }

  @Override
  public void leaseRenewalFailed(int claims, String reason) {
    if (!listeners.hears("onLeaseRenewalFailed")) {
      return;
    }
    var event = new DbqEvent.LeaseRenewalFailed(workerId, claims, reason);
    listeners.tell("onLeaseRenewalFailed", l -> l.onLeaseRenewalFailed(event));
  }

  private RunningStep run(Claim claim) {
    return new RunningStep(
        job(claim), claim.stepIndex(), stepName(claim), claim.attempt(), workerId);
  }

  private static JobRef job(Claim claim) {
    return new JobRef(claim.id(), claim.name(), claim.queue());
  }

  private String stepName(Claim claim) {
    List<String> steps = stepNames.get(claim.name());
    return steps != null && claim.stepIndex() < steps.size() ? steps.get(claim.stepIndex()) : "?";
  }
}
