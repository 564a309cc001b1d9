package dev.dbq.runtime;

import dev.dbq.runtime.internal.NamingRules;
import dev.dbq.runtime.internal.WorkspaceCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the runtime knows about one kind of job: its name, defaults, ordered steps and hooks.
 * Generated catalogs build one per {@code @Job}; hand-written catalogs may too.
 *
 * <pre>{@code
 * JobDefinition.builder("import_cats")
 *     .queue("imports").priority(1)
 *     .workspaceType(CatBatch.class)
 *     .step("fetch", call -> { ... return call.workspace(); })
 *     .build();
 * }</pre>
 */
public final class JobDefinition {
  private final String name;
  private final String queue;
  private final int priority;
  private final int maxAttempts;
  private final Class<?> workspaceType;
  private final List<StepDefinition> steps;
  private final JobMethod creationHook;
  private final JobMethod preStepHook;
  private final JobMethod postStepHook;
  private final JobMethod failureHook;
  private final List<RecurringSchedule> schedules;
  private final Uniqueness unique;

  private JobDefinition(Builder b) {
    this.name = b.name;
    this.queue = b.queue;
    this.priority = b.priority;
    this.maxAttempts = b.maxAttempts;
    this.workspaceType = b.workspaceType;
    this.steps = List.copyOf(b.steps);
    this.creationHook = b.creationHook;
    this.preStepHook = b.preStepHook;
    this.postStepHook = b.postStepHook;
    this.failureHook = b.failureHook;
    this.schedules = List.copyOf(b.schedules);
    this.unique = b.unique;
  }

  /**
   * Starts a definition.
   *
   * @param name the job name (a letter, then letters, digits, {@code _ - .}; at most 100)
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * @return the job name
   */
  public String name() {
    return name;
  }

  /**
   * @return the queue jobs go to unless the enqueuer names another
   */
  public String queue() {
    return queue;
  }

  /**
   * @return the default priority
   */
  public int priority() {
    return priority;
  }

  /**
   * @return how many times a failing step is tried, at least 1
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * @return the typed workspace class, or empty for the untyped {@code Map} workspace
   */
  public Optional<Class<?>> workspaceType() {
    return Optional.ofNullable(workspaceType);
  }

  /**
   * @return the steps in the order they run
   */
  public List<StepDefinition> steps() {
    return steps;
  }

  /**
   * @return the creation hook, if declared
   */
  public Optional<JobMethod> creationHook() {
    return Optional.ofNullable(creationHook);
  }

  /**
   * @return the pre-step hook, if declared
   */
  public Optional<JobMethod> preStepHook() {
    return Optional.ofNullable(preStepHook);
  }

  /**
   * @return the post-step hook, if declared
   */
  public Optional<JobMethod> postStepHook() {
    return Optional.ofNullable(postStepHook);
  }

  /**
   * @return the failure hook, if declared
   */
  public Optional<JobMethod> failureHook() {
    return Optional.ofNullable(failureHook);
  }

  /**
   * @return the job's cron schedules (from {@code @Recurring}); empty when it has none
   */
  public List<RecurringSchedule> schedules() {
    return schedules;
  }

  /**
   * @return what makes a job of this kind unique (from {@code @Unique}); empty when any number may
   *     wait at once
   */
  public Optional<Uniqueness> unique() {
    return Optional.ofNullable(unique);
  }

  @Override
  public String toString() {
    return "JobDefinition[" + name + ", queue=" + queue + ", steps=" + steps.size() + "]";
  }

  /** Builds a {@link JobDefinition}; {@link #build()} checks the names and ranges. */
  public static final class Builder {
    private final String name;
    private String queue = DbqWorker.DEFAULT_QUEUE;
    private int priority;
    private int maxAttempts = 1;
    private Class<?> workspaceType;
    private final List<StepDefinition> steps = new ArrayList<>();
    private JobMethod creationHook;
    private JobMethod preStepHook;
    private JobMethod postStepHook;
    private JobMethod failureHook;
    private final List<RecurringSchedule> schedules = new ArrayList<>();
    private Uniqueness unique;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * @param queue the default queue; {@value DbqWorker#DEFAULT_QUEUE} unless set
     * @return this builder
     */
    public Builder queue(String queue) {
      this.queue = queue;
      return this;
    }

    /**
     * @param priority the default priority, -32768..32767; 0 unless set
     * @return this builder
     */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /**
     * @param maxAttempts how many times a failing step is tried; 1 unless set
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * @param workspaceType the typed workspace class (Jackson-bindable); unset for a {@code Map}
     * @return this builder
     */
    public Builder workspaceType(Class<?> workspaceType) {
      this.workspaceType = workspaceType;
      return this;
    }

    /**
     * Appends a step; steps run in the order they are added.
     *
     * @param stepName the step's name
     * @param method the call
     * @return this builder
     */
    public Builder step(String stepName, JobMethod method) {
      steps.add(new StepDefinition(stepName, method));
      return this;
    }

    /**
     * Appends a step with a timeout of its own: an attempt that runs longer is interrupted by the
     * worker and fails (and is retried while attempts remain).
     *
     * @param stepName the step's name
     * @param method the call
     * @param timeout how long one attempt may run: positive, at most 1,000 years
     * @return this builder
     * @throws IllegalArgumentException when the timeout is zero, negative or over 1,000 years
     */
    public Builder step(String stepName, JobMethod method, Duration timeout) {
      steps.add(new StepDefinition(stepName, method, timeout));
      return this;
    }

    /**
     * @param hook runs in the enqueuing process before the insert
     * @return this builder
     */
    public Builder creationHook(JobMethod hook) {
      this.creationHook = hook;
      return this;
    }

    /**
     * @param hook runs before every step
     * @return this builder
     */
    public Builder preStepHook(JobMethod hook) {
      this.preStepHook = hook;
      return this;
    }

    /**
     * @param hook runs after every step, also after a failure
     * @return this builder
     */
    public Builder postStepHook(JobMethod hook) {
      this.postStepHook = hook;
      return this;
    }

    /**
     * @param hook runs when the last attempt of a step fails
     * @return this builder
     */
    public Builder failureHook(JobMethod hook) {
      this.failureHook = hook;
      return this;
    }

    /**
     * Adds a cron schedule: workers enqueue the job once per fire time.
     *
     * @param schedule the schedule
     * @return this builder
     */
    public Builder schedule(RecurringSchedule schedule) {
      schedules.add(Objects.requireNonNull(schedule, "schedule"));
      return this;
    }

    /**
     * Makes the job unique: an enqueue while a job with the same key is in a refusing state inserts
     * nothing and returns that job's id (see {@link Uniqueness}).
     *
     * @param uniqueness what makes a job unique
     * @return this builder
     */
    public Builder unique(Uniqueness uniqueness) {
      this.unique = Objects.requireNonNull(uniqueness, "uniqueness");
      return this;
    }

    /**
     * Checks and builds the definition.
     *
     * @return the definition
     * @throws IllegalArgumentException when a name, the priority or maxAttempts breaks its rule, or
     *     there is no step
     */
    public JobDefinition build() {
      NamingRules.checkJobName(name);
      NamingRules.checkQueueName(Objects.requireNonNull(queue, "queue"));
      NamingRules.checkPriority(priority);
      if (maxAttempts < 1) {
        throw new IllegalArgumentException(
            "maxAttempts of job '" + name + "' must be at least 1, was " + maxAttempts);
      }
      if (steps.isEmpty()) {
        throw new IllegalArgumentException("job '" + name + "' has no step");
      }
      for (RecurringSchedule schedule : schedules) {
        if (workspaceType != null) {
          // a typed job's fixed workspace must bind, or every firing would fail at its first step
          WorkspaceCodec.read(schedule.workspaceJson(), workspaceType);
        }
      }
      return new JobDefinition(this);
    }
  }
}
