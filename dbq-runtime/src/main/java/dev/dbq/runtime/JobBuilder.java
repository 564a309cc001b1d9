package dev.dbq.runtime;

import dev.dbq.runtime.internal.NamingRules;
import dev.dbq.runtime.internal.TimeLimits;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The fluent builder behind each generated {@code Jobs.someJob()} factory: it collects the
 * workspace, queue, priority and earliest start of one job and enqueues it.
 *
 * <p>Generated subclasses add a typed {@code workspace(W)} (or {@code workspace(Map<String, ?>)}
 * for untyped jobs). Queue and priority default to the job's {@code @Job} values.
 *
 * @param <B> the generated builder type, returned by every setter
 */
public abstract class JobBuilder<B extends JobBuilder<B>> {
  private final JobDefinition definition;
  private Object workspace;
  private String queue;
  private int priority;
  private Instant runAfter;
  private Duration runAfterDelay;

  /**
   * For generated subclasses.
   *
   * @param definition the job to enqueue
   */
  protected JobBuilder(JobDefinition definition) {
    this.definition = Objects.requireNonNull(definition, "definition");
    this.queue = definition.queue();
    this.priority = definition.priority();
  }

  /**
   * Sets the workspace; generated subclasses expose this with the job's workspace type.
   *
   * @param value a typed workspace instance or a {@code Map<String, ?>}
   * @return this builder
   */
  protected final B setWorkspace(Object value) {
    this.workspace = value;
    return self();
  }

  /**
   * Puts the job in another queue than its {@code @Job} default.
   *
   * @param queueName a letter, then letters, digits, {@code _ - .}; at most 100 characters
   * @return this builder
   * @throws IllegalArgumentException when the name breaks that rule
   */
  public final B queue(String queueName) {
    this.queue = NamingRules.checkQueueName(queueName);
    return self();
  }

  /**
   * Overrides the job's default priority; higher runs first.
   *
   * @param value -32768..32767
   * @return this builder
   * @throws IllegalArgumentException when out of range
   */
  public final B priority(int value) {
    this.priority = NamingRules.checkPriority(value);
    return self();
  }

  /**
   * Holds the job back until the given instant.
   *
   * @param instant the earliest start
   * @return this builder
   */
  public final B runAfter(Instant instant) {
    this.runAfter = TimeLimits.checkRunAfter(Objects.requireNonNull(instant, "instant"));
    this.runAfterDelay = null;
    return self();
  }

  /**
   * Holds the job back for the given delay, counted from the database's clock at insert.
   *
   * @param delay a non-negative delay
   * @return this builder
   * @throws IllegalArgumentException when negative
   */
  public final B runAfter(Duration delay) {
    this.runAfterDelay =
        TimeLimits.checkSpan("runAfter delay", Objects.requireNonNull(delay, "delay"));
    this.runAfter = null;
    return self();
  }

  /**
   * Enqueues through the process default set with {@link Dbq#setDefault(Dbq)}.
   *
   * @return the new job's id
   * @throws IllegalArgumentException when the job has a typed workspace and none was set
   * @throws IllegalStateException when no default {@link Dbq} is set
   */
  public final UUID enqueue() {
    return enqueue(Dbq.getDefault());
  }

  /**
   * Enqueues through the given {@link Dbq}, apart from any transaction of the caller's: the job is
   * committed when this returns. Jobs that other threads enqueue through the same {@code Dbq} at
   * the same moment may share the statement and the commit (see {@link Dbq#enqueueAll}).
   *
   * @param dbq the queue
   * @return the new job's id; for a unique job that was a duplicate, the existing job's id (see
   *     {@link #submit(Dbq)})
   * @throws IllegalArgumentException when the job has a typed workspace and none was set
   */
  public final UUID enqueue(Dbq dbq) {
    return dbq.submit(this).id();
  }

  /**
   * Enqueues inside the caller's transaction: the job exists exactly when the caller commits. The
   * connection is neither committed nor closed.
   *
   * @param connection an open connection to the dbq database
   * @return the new job's id; for a unique job that was a duplicate, the existing job's id
   * @throws IllegalArgumentException when the job has a typed workspace and none was set
   */
  public final UUID enqueue(Connection connection) {
    return Dbq.submit(connection, this).id();
  }

  /**
   * Enqueues through the process default set with {@link Dbq#setDefault(Dbq)}, and says whether the
   * job was a duplicate (see {@link #submit(Dbq)}).
   *
   * @return the job's id and whether it was a duplicate
   * @throws IllegalArgumentException when the job has a typed workspace and none was set
   * @throws IllegalStateException when no default {@link Dbq} is set
   */
  public final EnqueueResult submit() {
    return submit(Dbq.getDefault());
  }

  /**
   * Enqueues as {@link #enqueue(Dbq)} does, and says whether the job was a duplicate: for a job
   * declared unique ({@code @Unique}, {@link Uniqueness}) while a job with the same key is in one
   * of its refusing states, nothing is inserted and the result holds that job's id, with {@link
   * EnqueueResult#duplicate()} true. Jobs that are not unique are never duplicates.
   *
   * @param dbq the queue
   * @return the job's id (the existing one's for a duplicate) and whether it was a duplicate
   * @throws IllegalArgumentException when the job has a typed workspace and none was set
   */
  public final EnqueueResult submit(Dbq dbq) {
    return dbq.submit(this);
  }

  /**
   * Enqueues inside the caller's transaction as {@link #enqueue(Connection)} does, and says whether
   * the job was a duplicate (see {@link Dbq#submitAll(Connection, java.util.Collection)}).
   *
   * @param connection an open connection to the dbq database
   * @return the job's id (the existing one's for a duplicate) and whether it was a duplicate
   * @throws IllegalArgumentException when the job has a typed workspace and none was set
   */
  public final EnqueueResult submit(Connection connection) {
    return Dbq.submit(connection, this);
  }

  /**
   * @return the job being built
   */
  public final JobDefinition definition() {
    return definition;
  }

  final Object workspaceValue() {
    return workspace;
  }

  final String queueName() {
    return queue;
  }

  final int priorityValue() {
    return priority;
  }

  final Instant runAfterInstant() {
    return runAfter;
  }

  final Duration runAfterDelay() {
    return runAfterDelay;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
