package dev.dbq.runtime;

import dev.dbq.runtime.internal.ApiAccess;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job a step or hook is running for: its identity, where it is in its steps, and (for jobs
 * without a typed workspace) the workspace map that steps share.
 *
 * <p>The worker builds one per step; tests of a step can build their own with {@link #builder(UUID,
 * String)}.
 */
public final class JobContext {
  private final UUID id;
  private final String name;
  private final String queue;
  private final int priority;
  private final String step;
  private final int stepIndex;
  private final int attempt;
  private final int maxAttempts;
  private final Map<String, Object> workspace;
  private final Logger logger;
  private final BooleanSupplier cancelRequested;
  private volatile JobState state;

  private JobContext(Builder b) {
    this.id = b.id;
    this.name = b.name;
    this.queue = b.queue;
    this.priority = b.priority;
    this.step = b.step;
    this.stepIndex = b.stepIndex;
    this.attempt = b.attempt;
    this.maxAttempts = b.maxAttempts;
    this.workspace = b.workspace;
    this.state = b.state;
    this.cancelRequested = b.cancelRequested;
    this.logger = LoggerFactory.getLogger("dev.dbq.job." + b.name);
  }

  /**
   * Starts a context.
   *
   * @param id the job's id
   * @param name the job's name
   * @return a builder with queue {@code default}, priority 0, step index 0, attempt 1 of 1, state
   *     {@link JobState#PROCESSING}
   */
  public static Builder builder(UUID id, String name) {
    return new Builder(id, name);
  }

  /**
   * @return the job's id
   */
  public UUID id() {
    return id;
  }

  /**
   * @return the job's name
   */
  public String name() {
    return name;
  }

  /**
   * @return the queue the job waits in
   */
  public String queue() {
    return queue;
  }

  /**
   * @return the job's priority
   */
  public int priority() {
    return priority;
  }

  /**
   * @return the name of the step being run (the method's name)
   */
  public String step() {
    return step;
  }

  /**
   * @return the position of the step being run, 0 for the first
   */
  public int stepIndex() {
    return stepIndex;
  }

  /**
   * @return which attempt at this step this is, 1 for the first
   */
  public int attempt() {
    return attempt;
  }

  /**
   * @return how many attempts the job allows per step
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * @return whether this is the last attempt the job allows at this step
   */
  public boolean isLastAttempt() {
    return attempt >= maxAttempts;
  }

  /**
   * The state the job is in, as the hooks see it. While the pre-step hook and the step run it is
   * {@link JobState#PROCESSING}; once the step has ended it is the state about to be saved with the
   * step's outcome, as django-db-queue's hooks see {@code job.state}: {@link JobState#FAILED} in
   * the failure hook, and in the post-step hook {@link JobState#READY} (steps remain, or a failed
   * step will be retried: see {@link #isLastAttempt()}), {@link JobState#COMPLETE} or {@link
   * JobState#FAILED}; {@link JobState#CANCELLED} when an operator cancelled the job while the step
   * ran (see {@link #isCancelRequested()}).
   *
   * @return the job's state
   */
  public JobState state() {
    return state;
  }

  /**
   * Whether an operator cancelled this job while the step runs ({@code dbq cancel}, {@link
   * JobControl#cancel}). A long step should check it between units of work and return (or throw)
   * soon after it turns true: the worker interrupts the step's thread once its grace period is
   * over, and the job ends {@link JobState#CANCELLED} either way, without the failure hook; the
   * post-step hook runs and sees {@link #state()} CANCELLED. The worker learns of a cancel within
   * moments through a notification, or at its next lease renewal (a third of the lease) when the
   * notification was missed.
   *
   * @return true once a cancel of the job reached the worker running this step
   */
  public boolean isCancelRequested() {
    return cancelRequested.getAsBoolean();
  }

  static {
    // the worker's hook (internal, not API): see ApiAccess
    ApiAccess.install((context, next) -> context.moveTo(next));
  }

  /** The worker moves the context to the outcome's state before the failure and post-step hooks. */
  private void moveTo(JobState next) {
    this.state = next;
  }

  /**
   * The untyped workspace: a mutable map holding a JSON object, passed from step to step. Jobs with
   * a typed workspace take it as a step parameter instead.
   *
   * @return the workspace map
   * @throws IllegalStateException when the job has a typed workspace
   */
  public Map<String, Object> workspace() {
    if (workspace == null) {
      throw new IllegalStateException(
          "job '" + name + "' has a typed workspace: take it as a parameter of the step");
    }
    return workspace;
  }

  /**
   * @return a logger named {@code dev.dbq.job.<job name>}; the worker puts the job in the MDC
   */
  public Logger logger() {
    return logger;
  }

  @Override
  public String toString() {
    return "Job[" + name + " " + id + ", queue=" + queue + ", step=" + step + "]";
  }

  /** Builds a {@link JobContext}. */
  public static final class Builder {
    private final UUID id;
    private final String name;
    private String queue = DbqWorker.DEFAULT_QUEUE;
    private int priority;
    private String step = "";
    private int stepIndex;
    private int attempt = 1;
    private int maxAttempts = 1;
    private Map<String, Object> workspace;
    private JobState state = JobState.PROCESSING;
    private BooleanSupplier cancelRequested = () -> false;

    private Builder(UUID id, String name) {
      this.id = Objects.requireNonNull(id, "id");
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * @param queue the queue
     * @return this builder
     */
    public Builder queue(String queue) {
      this.queue = Objects.requireNonNull(queue, "queue");
      return this;
    }

    /**
     * @param priority the priority
     * @return this builder
     */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /**
     * @param stepName the step's name
     * @param index the step's position, 0 for the first
     * @return this builder
     */
    public Builder step(String stepName, int index) {
      this.step = Objects.requireNonNull(stepName, "stepName");
      this.stepIndex = index;
      return this;
    }

    /**
     * @param attemptNumber this attempt, 1 for the first
     * @param max the attempts allowed
     * @return this builder
     */
    public Builder attempt(int attemptNumber, int max) {
      this.attempt = attemptNumber;
      this.maxAttempts = max;
      return this;
    }

    /**
     * @param map the untyped workspace; leave unset for a job with a typed workspace
     * @return this builder
     */
    public Builder workspace(Map<String, Object> map) {
      this.workspace = map;
      return this;
    }

    /**
     * @param jobState the state the hooks see (default {@link JobState#PROCESSING})
     * @return this builder
     */
    public Builder state(JobState jobState) {
      this.state = Objects.requireNonNull(jobState, "jobState");
      return this;
    }

    /**
     * @param flag what {@link JobContext#isCancelRequested()} answers, asked each time it is called
     *     (a test of a step can flip it while the step runs); never cancelled unless set
     * @return this builder
     */
    public Builder cancelRequested(BooleanSupplier flag) {
      this.cancelRequested = Objects.requireNonNull(flag, "flag");
      return this;
    }

    /**
     * @return the context
     */
    public JobContext build() {
      return new JobContext(this);
    }
  }
}
