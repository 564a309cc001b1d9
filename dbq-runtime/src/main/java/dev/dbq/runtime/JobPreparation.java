package dev.dbq.runtime;

import dev.dbq.runtime.internal.MissingWorkspace;
import dev.dbq.runtime.internal.UniqueKeys;
import dev.dbq.runtime.internal.WorkspaceCodec;
import dev.dbq.runtime.internal.store.NewJob;
import dev.dbq.runtime.internal.store.UniqueKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Turns a builder into the {@link NewJob} the store inserts: checks the workspace, runs the
 * creation hook. Everything that can fail without the database fails here, before anything is
 * written. It lives in the API package because it reads {@link JobBuilder}'s package-private
 * values, which are not API.
 */
final class JobPreparation {
  private JobPreparation() {}

  /**
   * Prepares a builder's job, running the definition's creation hook.
   *
   * @param builder the builder
   * @return the job to insert
   * @throws IllegalArgumentException when a job with a typed workspace was given none
   * @throws WorkspaceException when the workspace is not of the job's type or not a JSON object
   * @throws CreationHookException when the hook throws a checked exception; unchecked ones
   *     propagate unchanged
   */
  /** Prepares each job in order; a failing one stops the lot, before anything is written. */
  static List<NewJob> prepareAll(
      Collection<? extends JobBuilder<?>> jobs, InstanceFactory instances) {
    Objects.requireNonNull(jobs, "jobs");
    List<NewJob> prepared = new ArrayList<>(jobs.size());
    for (JobBuilder<?> job : jobs) {
      prepared.add(prepare(Objects.requireNonNull(job, "job"), instances));
    }
    return prepared;
  }

  private static NewJob prepare(JobBuilder<?> builder, InstanceFactory instances) {
    JobDefinition definition = builder.definition();
    UUID id = UUID.randomUUID();
    if (builder.workspaceValue() == null && definition.workspaceType().isPresent()) {
      // never let a null reach the creation hook and the steps, which take a W
      throw new IllegalArgumentException(
          MissingWorkspace.of(definition) + "; call .workspace(...) before enqueue");
    }
    Object workspace = checkedWorkspace(definition, builder.workspaceValue());
    if (definition.creationHook().isPresent()) {
      workspace = runCreationHook(definition, id, builder, workspace, instances);
    }
    String json = WorkspaceCodec.toJson(workspace);
    return new NewJob(
        id,
        definition.name(),
        builder.queueName(),
        builder.priorityValue(),
        json,
        builder.runAfterInstant(),
        builder.runAfterDelay(),
        null, // the trace context, which the enqueue interceptors give later
        definition.unique().map(u -> uniqueKey(definition.name(), u, json, builder)).orElse(null));
  }

  /**
   * The key of a unique job, from its workspace as stored (after the creation hook) and its run
   * time: the runAfter given, or now (plus the delay given) by this process's clock.
   */
  private static UniqueKey uniqueKey(
      String name, Uniqueness unique, String json, JobBuilder<?> builder) {
    Instant runTime = builder.runAfterInstant();
    if (runTime == null) {
      runTime = Instant.now();
      if (builder.runAfterDelay() != null) {
        runTime = runTime.plus(builder.runAfterDelay());
      }
    }
    return new UniqueKey(
        UniqueKeys.of(name, unique.fields(), unique.period(), json, runTime), unique.stateNames());
  }

  /**
   * The workspace as steps will see it: the typed instance, or for untyped jobs a mutable copy of
   * the map (through JSON, so the hook sees JSON values and the caller's map is left alone).
   */
  private static Object checkedWorkspace(JobDefinition definition, Object value) {
    Class<?> type = definition.workspaceType().orElse(null);
    if (type == null) {
      return WorkspaceCodec.toMap(WorkspaceCodec.toJson(value));
    }
    if (value != null && !type.isInstance(value)) {
      throw new WorkspaceException(
          "workspace of job '"
              + definition.name()
              + "' must be a "
              + type.getName()
              + ", was "
              + value.getClass().getName());
    }
    // fail before the hook runs when the instance cannot be stored at all
    WorkspaceCodec.toJson(value);
    return value;
  }

  private static Object runCreationHook(
      JobDefinition definition,
      UUID id,
      JobBuilder<?> builder,
      Object workspace,
      InstanceFactory instances) {
    JobContext.Builder context =
        JobContext.builder(id, definition.name())
            .queue(builder.queueName())
            .priority(builder.priorityValue())
            .step(definition.steps().get(0).name(), 0)
            .attempt(1, definition.maxAttempts());
    if (definition.workspaceType().isEmpty()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) workspace;
      context.workspace(map);
    }
    Invocation invocation = new Invocation(context.build(), workspace, null, instances);
    Object result;
    try {
      result = definition.creationHook().orElseThrow().call(invocation);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new CreationHookException(definition.name(), e);
    }
    Object kept = result != null ? result : workspace;
    return definition.workspaceType().isPresent() ? checkedWorkspace(definition, kept) : kept;
  }
}
