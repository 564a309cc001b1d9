package dev.dbq.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one step of a claimed job with its hooks, in the seed's order: pre-step hook, step; on a
 * throw the failure hook (last attempt only); then the post-step hook, always. It touches no
 * database: it returns what to save.
 *
 * <p>A {@link Throwable} from user code fails the step, with two exceptions: {@link
 * VirtualMachineError}s other than {@link StackOverflowError} are rethrown (the worker hands the
 * job back and lets the error reach the thread), and an interrupt during a shutdown is just a
 * failure of this attempt like any other.
 */
final class StepRunner {
  static final String MDC_JOB_ID = "dbq.job.id";
  static final String MDC_JOB_NAME = "dbq.job.name";
  static final String MDC_QUEUE = "dbq.queue";
  static final String MDC_STEP = "dbq.step";

  private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

  private final JobCatalog catalog;
  private final InstanceFactory instances;
  private final RetryBackoff backoff;

  StepRunner(JobCatalog catalog, InstanceFactory instances, RetryBackoff backoff) {
    this.catalog = catalog;
    this.instances = instances;
    this.backoff = backoff;
  }

  /**
   * Runs the claimed step.
   *
   * @param claim the job and step
   * @return the outcome to save
   */
  StepOutcome run(Claim claim) {
    MDC.put(MDC_JOB_ID, claim.id().toString());
    MDC.put(MDC_JOB_NAME, claim.name());
    MDC.put(MDC_QUEUE, claim.queue());
    try {
      return runInMdc(claim);
    } finally {
      MDC.remove(MDC_JOB_ID);
      MDC.remove(MDC_JOB_NAME);
      MDC.remove(MDC_QUEUE);
      MDC.remove(MDC_STEP);
    }
  }

  private StepOutcome runInMdc(Claim claim) {
    Optional<JobDefinition> found = catalog.job(claim.name());
    if (found.isEmpty()) {
      // the claim filters on the catalog's names, so this means the catalog changed underneath
      return failedUnrunnable(claim, "job '" + claim.name() + "' is not in this worker's catalog");
    }
    JobDefinition job = found.get();
    int stepCount = job.steps().size();
    if (claim.stepIndex() >= stepCount) {
      return failedUnrunnable(
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
    MDC.put(MDC_STEP, step.name());

    Class<?> type = job.workspaceType().orElse(null);
    String unreadable = WorkspaceLimits.problemWithStored(claim.workspaceJson());
    if (unreadable != null) {
      return failedUnrunnable(claim, "workspace of job '" + job.name() + "' " + unreadable);
    }
    Object workspace;
    try {
      workspace = WorkspaceCodec.read(claim.workspaceJson(), type);
    } catch (WorkspaceException e) {
      return failedUnrunnable(
          claim, "workspace of job '" + job.name() + "' cannot be read: " + e.getMessage());
    }
    int lostRuns = claim.attempt() - job.maxAttempts();
    if (lostRuns > DbqWorker.MAX_LOST_RUNS) {
      // no hook runs either: the job's own code is the likeliest thing killing its workers
      return failedUnrunnable(
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
    JobContext context = context(claim, job, step, workspace, type);

    StepOutcome outcome;
    Throwable failure = null;
    Object current = workspace;
    try {
      // a pre-step hook may replace the workspace the step receives, as a step may
      current = call(job.preStepHook(), context, current, null);
      current = step.method().call(new Invocation(context, current, null, instances));
      if (current == null) {
        current = workspace;
      }
      int next = claim.stepIndex() + 1;
      outcome =
          new StepOutcome.Succeeded(
              WorkspaceCodec.toJson(current),
              next,
              next < stepCount ? JobState.READY : JobState.COMPLETE);
    } catch (Throwable t) {
      rethrowIfFatal(t);
      failure = t;
      outcome = failed(claim, job, t);
    }

    if (failure != null && outcome instanceof StepOutcome.Failed) {
      runHook("failure hook", job.failureHook(), context, current, failure);
    }
    runHook("post-step hook", job.postStepHook(), context, current, failure);
    return outcome;
  }

  private StepOutcome failed(Claim claim, JobDefinition job, Throwable t) {
    String error = message(t);
    if (t instanceof InterruptedException) {
      // only a shutdown past its grace period interrupts a slot, after handing the job back:
      // the save that follows is refused
      log.warn(
          "step {} of job {} was interrupted by the worker's shutdown",
          claim.stepIndex(),
          claim.id());
    }
    if (claim.attempt() < job.maxAttempts()) {
      Duration wait = backoff.after(claim.attempt());
      log.warn(
          "step {} of job {} failed (attempt {} of {}), retrying in {}",
          claim.stepIndex(),
          claim.id(),
          claim.attempt(),
          job.maxAttempts(),
          wait,
          t);
      return new StepOutcome.Retry(error, wait);
    }
    log.error(
        "step {} of job {} failed (attempt {} of {}); the job is FAILED",
        claim.stepIndex(),
        claim.id(),
        claim.attempt(),
        job.maxAttempts(),
        t);
    return new StepOutcome.Failed(error);
  }

  private static StepOutcome failedUnrunnable(Claim claim, String error) {
    log.error("job {} FAILED without running: {}", claim.id(), error);
    return new StepOutcome.Failed(error);
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

  /** Runs a hook whose exception is logged and changes nothing. */
  private void runHook(
      String what,
      Optional<JobMethod> hook,
      JobContext context,
      Object workspace,
      Throwable failure) {
    try {
      call(hook, context, workspace, failure);
    } catch (Throwable t) {
      rethrowIfFatal(t);
      log.warn("{} of job {} threw; ignored", what, context.id(), t);
    }
  }

  private static JobContext context(
      Claim claim, JobDefinition job, StepDefinition step, Object workspace, Class<?> type) {
    JobContext.Builder b =
        JobContext.builder(claim.id(), claim.name())
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
  static String message(Throwable t) {
    String m = t.getMessage();
    return ErrorText.clean(m == null || m.isBlank() ? t.getClass().getName() : m);
  }

  static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
      throw (VirtualMachineError) t;
    }
  }
}
