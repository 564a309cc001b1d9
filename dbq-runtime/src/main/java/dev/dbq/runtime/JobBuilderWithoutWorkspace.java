package dev.dbq.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a generated {@code Jobs.someJob()} factory returns for a job with a typed workspace: a
 * builder that has no {@code enqueue} yet. Its generated {@code workspace(W)} returns the job's
 * {@link JobBuilder}, so a typed job enqueued without its workspace is a compile error rather than
 * a {@code null} reaching the creation hook and the steps.
 *
 * <pre>{@code
 * Jobs.importCats().queue("urgent").workspace(batch).enqueue(dbq);   // compiles
 * Jobs.importCats().enqueue(dbq);                                    // does not
 * }</pre>
 *
 * <p>Queue, priority and start time may be set before or after the workspace.
 *
 * @param <S> the generated type itself, returned by every setter
 * @param <B> the job's builder, returned by the generated {@code workspace(W)}
 */
public abstract class JobBuilderWithoutWorkspace<
    S extends JobBuilderWithoutWorkspace<S, B>, B extends JobBuilder<B>> {
  private final B builder;

  /**
   * For generated subclasses.
   *
   * @param builder the job's builder, which receives the settings and then the workspace
   */
  protected JobBuilderWithoutWorkspace(B builder) {
    this.builder = Objects.requireNonNull(builder, "builder");
  }

  /**
   * The job's builder, for the generated {@code workspace(W)}.
   *
   * @return the builder the settings went to
   */
  protected final B builder() {
    return builder;
  }

  /**
   * Puts the job in another queue than its {@code @Job} default.
   *
   * @param queueName a letter, then letters, digits, {@code _ - .}; at most 100 characters
   * @return this builder
   * @throws IllegalArgumentException when the name breaks that rule
   * @see JobBuilder#queue(String)
   */
  public final S queue(String queueName) {
    builder.queue(queueName);
    return self();
  }

  /**
   * Overrides the job's default priority; higher runs first.
   *
   * @param value -32768..32767
   * @return this builder
   * @throws IllegalArgumentException when out of range
   * @see JobBuilder#priority(int)
   */
  public final S priority(int value) {
    builder.priority(value);
    return self();
  }

  /**
   * Holds the job back until the given instant.
   *
   * @param instant the earliest start
   * @return this builder
   * @see JobBuilder#runAfter(Instant)
   */
  public final S runAfter(Instant instant) {
    builder.runAfter(instant);
    return self();
  }

  /**
   * Holds the job back for the given delay, counted from the database's clock at insert.
   *
   * @param delay a non-negative delay
   * @return this builder
   * @throws IllegalArgumentException when negative
   * @see JobBuilder#runAfter(Duration)
   */
  public final S runAfter(Duration delay) {
    builder.runAfter(delay);
    return self();
  }

  /**
   * @return the job being built
   */
  public final JobDefinition definition() {
    return builder.definition();
  }

  @SuppressWarnings("unchecked")
  private S self() {
    return (S) this;
  }
}
