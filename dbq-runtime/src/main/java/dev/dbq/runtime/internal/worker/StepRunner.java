package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.InstanceFactory;
import dev.dbq.runtime.Invocation;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobContext;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.JobMethod;
import dev.dbq.runtime.JobState;
import dev.dbq.runtime.StepDefinition;
import dev.dbq.runtime.WorkspaceException;
import dev.dbq.runtime.internal.ApiAccess;
import dev.dbq.runtime.internal.ErrorText;
import dev.dbq.runtime.internal.MdcKeys;
import dev.dbq.runtime.internal.RuntimeLoggers;
import dev.dbq.runtime.internal.WorkspaceCodec;
import dev.dbq.runtime.internal.WorkspaceLimits;
import dev.dbq.runtime.internal.store.Claim;
import dev.dbq.runtime.internal.store.StepOutcome;
import dev.dbq.runtime.internal.store.WorkerStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * Runs one step of a claimed job with its hooks, in the seed's order: pre-step hook, step; on a
 * throw the failure hook (last attempt only); then the post-step hook, always. It touches no
 * database: it returns what to save, with what the run's history row needs (the step's name, when
 * it started and ended, and the stack trace of what failed it).
 *
 * <p>A {@link Throwable} from user code fails the step, with two exceptions: {@link
 * VirtualMachineError}s other than {@link StackOverflowError} are rethrown (the worker hands the
 * job back and lets the error reach the thread), and an interrupt during a shutdown is just a
 * failure of this attempt like any other.
 *
 * <p>A {@link StepWatch} interrupts the pre-step hook and the step at their deadline: a step past
 * its timeout fails that attempt (retried while attempts remain) with the timeout in {@code
 * last_error}; a job an operator cancelled ends {@link JobState#CANCELLED} without its failure hook
 * (its post-step hook runs), unless the step finished the job's last step first.
 */
public final class StepRunner {

  private static final Logger log = RuntimeLoggers.of(StepRunner.class);

  private final JobCatalog catalog;
  private final InstanceFactory instances;
  private final StepDecisions decisions;
  private final Duration defaultTimeout;

  StepRunner(JobCatalog catalog, InstanceFactory instances, RetryBackoff backoff) {
    this(catalog, instances, backoff, null);
  }

  /**
   * @param defaultTimeout the timeout of a step that has none of its own, or null for none
   */
  StepRunner(
      JobCatalog catalog,
      InstanceFactory instances,
      RetryBackoff backoff,
      Duration defaultTimeout) {
    this.catalog = catalog;
    this.instances = instances;
    this.decisions = new StepDecisions(backoff);
    this.defaultTimeout = defaultTimeout;
  }

  /**
   * Runs the claimed step with no deadline.
   *
   * @param claim the job and step
   * @param startedNanos when the run started ({@link System#nanoTime()}), for its history
   * @return the outcome to save, with the run's facts
   */
  WorkerStore.Finished run(Claim claim, long startedNanos) {
    return run(claim, startedNanos, StepWatch.unwatched());
  }

  /**
   * Runs the claimed step, interrupted at the deadlines of {@code watch}.
   *
   * @param claim the job and step
   * @param startedNanos when the run started ({@link System#nanoTime()}), for its history
   * @param watch the step's timeout and cancel
   * @return the outcome to save, with the run's facts
   */
  WorkerStore.Finished run(Claim claim, long startedNanos, StepWatch watch) {
    MDC.put(MdcKeys.JOB_ID, claim.id().toString());
    MDC.put(MdcKeys.JOB_NAME, claim.name());
    MDC.put(MdcKeys.QUEUE, claim.queue());
    try {
      StepOutcome outcome = runInMdc(claim, watch);
      return new WorkerStore.Finished(
          claim, outcome, stepName(catalog, claim), startedNanos, System.nanoTime());
    } finally {
      MDC.remove(MdcKeys.JOB_ID);
      MDC.remove(MdcKeys.JOB_NAME);
      MDC.remove(MdcKeys.QUEUE);
      MDC.remove(MdcKeys.STEP);
    }
  }

  private StepOutcome runInMdc(Claim claim, StepWatch watch) {
    Optional<JobDefinition> found = catalog.job(claim.name());
    if (found.isEmpty()) {
      // the claim filters on the catalog's names, so this means the catalog changed underneath
      return StepDecisions.failedUnrunnable(
          claim, "job '" + claim.name() + "' is not in this worker's catalog");
    }
    JobDefinition job = found.get();
    int stepCount = job.steps().size();
    if (claim.stepIndex() >= stepCount) {
      return StepDecisions.failedUnrunnable(
          claim,
          "job '"
              + job.name()
              + "' has no step at index "
              + claim.stepIndex()
              + " (it has "
              + stepCount
              + (stepCount == 1 ? " step" : " steps")
              + "); was it redefined?");
    }
    StepDefinition step = job.steps().get(claim.stepIndex());
    MDC.put(MdcKeys.STEP, step.name());

    Class<?> type = job.workspaceType().orElse(null);
    String unreadable = WorkspaceLimits.problemWithStored(claim.workspaceJson());
    if (unreadable != null) {
      return StepDecisions.failedUnrunnable(
          claim, "workspace of job '" + job.name() + "' " + unreadable);
    }
    Object workspace;
    try {
      workspace = WorkspaceCodec.read(claim.workspaceJson(), type);
    } catch (WorkspaceException e) {
      return StepDecisions.failedUnrunnable(
          claim, "workspace of job '" + job.name() + "' cannot be read: " + e.getMessage());
    }
    int lostRuns = claim.attempt() - job.maxAttempts();
    if (lostRuns > DbqWorker.MAX_LOST_RUNS) {
      // no hook runs either: the job's own code is the likeliest thing killing its workers
      return StepDecisions.failedUnrunnable(
          claim,
          "step '"
              + step.name()
              + "' was claimed "
              + claim.attempt()
              + " times and its worker was lost at least "
              + lostRuns
              + " times before saving a result (killed, a fatal error such as OutOfMemoryError,"
              + " System.exit, a lapsed lease, or still running when a shutdown's grace period"
              + " ended); more than "
              + DbqWorker.MAX_LOST_RUNS
              + " lost runs fail the job without running it again");
    }
    JobContext context = context(claim, job, step, workspace, type, watch);
    watch.started(step.timeout().orElse(defaultTimeout));
    if (watch.isCancelRequested()) {
      watch.ended();
      // nothing of the job's code runs: no hook either
      log.info(
          "job {} {}: cancelled before {} started", claim.id(), job.name(), stepOf(claim, job));
      return new StepOutcome.Cancelled(
          null,
          claim.stepIndex(),
          "cancelled by an operator before " + stepOf(claim, job) + " ran");
    }
    long started = System.nanoTime();
    if (log.isDebugEnabled()) {
      log.debug(
          "job {} {}: {} started, attempt {} of {}",
          claim.id(),
          job.name(),
          stepOf(claim, job),
          claim.attempt(),
          job.maxAttempts());
    }
    StepOutcome outcome = runWithHooks(claim, job, step, context, workspace, type, watch);
    if (log.isDebugEnabled()) {
      log.debug(
          "job {} {}: {} ended in {} ms, job {}",
          claim.id(),
          job.name(),
          stepOf(claim, job),
          (System.nanoTime() - started) / 1_000_000,
          outcome.state());
    }
    return outcome;
  }

  /**
   * The seed's order: pre-step hook, step; on a throw the failure hook (last attempt only); the
   * post-step hook always; only then the workspace they left is written, with the state they saw.
   * The pre-step hook is part of the step's work (its throw fails the step and its edits are kept,
   * like a step's); a throwing failure or post-step hook is logged and changes nothing.
   */
  private StepOutcome runWithHooks(
      Claim claim,
      JobDefinition job,
      StepDefinition step,
      JobContext context,
      Object workspace,
      Class<?> type,
      StepWatch watch) {
    int stepCount = job.steps().size();
    Object current = workspace;
    // the JSON of current while it is known; null once a hook may have changed it
    String json = null;
    Throwable failure = null;
    StepWatch.Deadline deadline;
    try {
      // a pre-step hook may replace the workspace the step receives, as a step may
      current = call(job.preStepHook(), context, current, null);
      current = call(Optional.of(step.method()), context, current, null);
      // a result that cannot be saved fails the step itself, with its retries and failure hook
      json = WorkspaceCodec.toJson(current);
    } catch (Throwable t) {
      rethrowIfFatal(t);
      failure = t;
    } finally {
      // no deadline interrupts the hooks below, nor what the slot does next
      deadline = watch.ended();
    }
    if (deadline == StepWatch.Deadline.TIMEOUT && !watch.isCancelRequested()) {
      failure = StepDecisions.timedOut(claim, job, watch.timeout(), failure);
    }

    StepOutcome decided =
        watch.isCancelRequested() && !(failure == null && claim.stepIndex() + 1 == stepCount)
            ? StepDecisions.cancelled(claim, job, failure, deadline)
            : decisions.decide(claim, job, stepCount, failure);
    ApiAccess.contexts().moveTo(context, decided.state());
    Keeping kept = new Keeping(current, json);
    if (decided instanceof StepOutcome.Failed) {
      kept = runHook("failure hook", job.failureHook(), context, kept, type, failure);
    }
    kept = runHook("post-step hook", job.postStepHook(), context, kept, type, failure);
    return StepDecisions.withWorkspace(claim, job, step, decided, kept.workspace(), kept.json());
  }

  /** The claimed step's name, or null when the catalog has no such job or step. */
  static String stepName(JobCatalog catalog, Claim claim) {
    Optional<JobDefinition> job = catalog.job(claim.name());
    int index = claim.stepIndex();
    if (job.isEmpty() || index < 0 || index >= job.get().steps().size()) {
      return null;
    }
    return job.get().steps().get(index).name();
  }

  /**
   * A step as every message names it: by name, and counted from 1 like attempts ("step 'fetch' (1
   * of 2)"); {@link JobContext#stepIndex()} is the one 0-based number, for code.
   */
  static String stepOf(Claim claim, JobDefinition job) {
    int count = job.steps().size();
    int index = claim.stepIndex();
    String name = index >= 0 && index < count ? "'" + job.steps().get(index).name() + "' " : "";
    return "step " + name + "(" + (index + 1) + " of " + count + ")";
  }

  private Object call(
      Optional<JobMethod> hook, JobContext context, Object workspace, Throwable failure)
      throws Throwable {
    if (hook.isEmpty()) {
      return workspace;
    }
    Object returned = hook.get().call(new Invocation(context, workspace, failure, instances));
    return returned == null ? workspace : returned;
  }

  /** A workspace and, while known, its JSON (null when it must be written anew). */
  private record Keeping(Object workspace, String json) {}

  /**
   * Runs a hook whose exception is logged and changes nothing: what it had edited in place is
   * undone from a snapshot taken before it ran. A hook that returns the workspace replaces it.
   */
  private Keeping runHook(
      String what,
      Optional<JobMethod> hook,
      JobContext context,
      Keeping kept,
      Class<?> type,
      Throwable failure) {
    if (hook.isEmpty()) {
      return kept;
    }
    String before = kept.json() != null ? kept.json() : snapshot(kept.workspace());
    try {
      return new Keeping(call(hook, context, kept.workspace(), failure), null);
    } catch (Throwable t) {
      rethrowIfFatal(t);
      log.warn("{} of job {} threw; ignored", what, context.id(), t);
      if (before == null) {
        return kept; // it did not serialize before the hook either: nothing to restore
      }
      Object restored;
      try {
        restored = WorkspaceCodec.read(before, type);
      } catch (WorkspaceException e) {
        return kept; // a type that writes but does not read back: keep what the hook left
      }
      if (type == null) {
        // the untyped map is the one the context hands out: restore it in place
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) restored;
        context.workspace().clear();
        context.workspace().putAll(map);
        restored = context.workspace();
      }
      return new Keeping(restored, before);
    }
  }

  private static String snapshot(Object workspace) {
    try {
      return WorkspaceCodec.toJson(workspace);
    } catch (WorkspaceException e) {
      return null;
    }
  }

  private static JobContext context(
      Claim claim,
      JobDefinition job,
      StepDefinition step,
      Object workspace,
      Class<?> type,
      StepWatch watch) {
    JobContext.Builder b =
        JobContext.builder(claim.id(), claim.name())
            .cancelRequested(watch::isCancelRequested)
            .queue(claim.queue())
            .priority(claim.priority())
            .step(step.name(), claim.stepIndex())
            .attempt(claim.attempt(), job.maxAttempts());
    if (type == null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) workspace;
      b.workspace(map);
    }
    return b.build();
  }

  /** The text kept in {@code last_error}: the message, or the class name when there is none. */
  public static String message(Throwable t) {
    String m = t.getMessage();
    return ErrorText.clean(m == null || m.isBlank() ? t.getClass().getName() : m);
  }

  static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
      throw (VirtualMachineError) t;
    }
  }
}
