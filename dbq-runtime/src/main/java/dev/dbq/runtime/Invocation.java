package dev.dbq.runtime;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a {@link JobMethod} receives: the job's context, its workspace, the failure (for failure
 * hooks) and the source of instances. Built by the runtime; read by generated code.
 */
public final class Invocation {
  private final JobContext context;
  private final Object workspace;
  private final Throwable failure;
  private final InstanceFactory instances;

  /**
   * Creates an invocation.
   *
   * @param context the job's context
   * @param workspace the typed workspace instance, or the untyped map
   * @param failure the exception a failure hook receives; null otherwise
   * @param instances the source of instances for instance methods
   */
  public Invocation(
      JobContext context, Object workspace, Throwable failure, InstanceFactory instances) {
    this.context = Objects.requireNonNull(context, "context");
    this.workspace = workspace;
    this.failure = failure;
    this.instances = Objects.requireNonNull(instances, "instances");
  }

  /**
   * The job being run.
   *
   * @return the context
   */
  public JobContext context() {
    return context;
  }

  /**
   * The workspace as the runtime holds it.
   *
   * @return the typed workspace instance, or the untyped map
   */
  public Object workspace() {
    return workspace;
  }

  /**
   * The workspace cast to the job's workspace type.
   *
   * @param type the job's workspace type
   * @param <W> the workspace type
   * @return the workspace; not null for a job run by the worker or its creation hook, since a job
   *     with a typed workspace cannot be enqueued without one and a stored workspace that is not a
   *     JSON object fails the job before any hook or step
   */
  public <W> W workspace(Class<W> type) {
    return type.cast(workspace);
  }

  /**
   * The exception that failed the job, for failure hooks.
   *
   * @return the failure, or null outside a failure hook
   */
  public Throwable failure() {
    return failure;
  }

  /**
   * The instance to call an instance method on.
   *
   * @param type the declaring class
   * @param constructor its no-arg constructor
   * @param <T> the declaring class
   * @return the instance the configured {@link InstanceFactory} supplies
   */
  public <T> T instance(Class<T> type, Supplier<T> constructor) {
    return Objects.requireNonNull(
        instances.instance(type, constructor), () -> "InstanceFactory returned null for " + type);
  }
}
