package dev.dbq.runtime.internal.store;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One job ready to insert: its id chosen, its creation hook run, its workspace written as JSON.
 * {@code JobPreparation} in {@code dev.dbq.runtime} makes it from a builder (it reads the builder's
 * package-private values, so it lives beside {@code JobBuilder}); the store only inserts it.
 *
 * @param id the new job's id, generated here
 * @param name the job name
 * @param queue the queue
 * @param priority the priority
 * @param workspaceJson the workspace, a JSON object
 * @param runAfter the earliest start, or null
 * @param runAfterDelay a delay counted from the database clock at insert, or null
 * @param traceContextJson the enqueue's trace context, a JSON object of strings, or null (no
 *     enqueue interceptor gave one)
 * @param unique the job's unique key and refusing states, or null for a job that is not unique
 */
public record NewJob(
    UUID id,
    String name,
    String queue,
    int priority,
    String workspaceJson,
    Instant runAfter,
    Duration runAfterDelay,
    String traceContextJson,
    UniqueKey unique) {

  /** A job without a trace context that is not unique. */
  public NewJob(
      UUID id,
      String name,
      String queue,
      int priority,
      String workspaceJson,
      Instant runAfter,
      Duration runAfterDelay) {
    this(id, name, queue, priority, workspaceJson, runAfter, runAfterDelay, null, null);
  }

  /** The same job with the trace context given (null for none). */
  public NewJob withTraceContext(String json) {
    return new NewJob(
        id, name, queue, priority, workspaceJson, runAfter, runAfterDelay, json, unique);
  }
}
