package dev.dbq.runtime;

import java.sql.Connection;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The entry point to a dbq database: enqueue jobs, migrate the schema, inspect queues.
 *
 * <p>SKELETON: signatures are final; bodies are being written (issue #3).
 */
public final class Dbq implements AutoCloseable {
  private final DataSource dataSource;

  private Dbq(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Connects with a pool of its own.
   *
   * @param jdbcUrl a {@code jdbc:postgresql:} URL
   * @return the queue; close it to close the pool
   */
  public static Dbq connect(String jdbcUrl) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Uses the caller's data source; {@link #close()} leaves it open.
   *
   * @param dataSource a data source for the dbq database
   * @return the queue
   */
  public static Dbq create(DataSource dataSource) {
    return new Dbq(dataSource);
  }

  /**
   * Connects to {@code DBQ_JDBC_URL} (with optional {@code DBQ_USER}, {@code DBQ_PASSWORD}).
   *
   * @return the queue
   */
  public static Dbq fromEnvironment() {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Sets the process default used by {@code enqueue()} without arguments.
   *
   * @param dbq the default, or null to clear it
   */
  public static void setDefault(Dbq dbq) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * @return the process default
   * @throws IllegalStateException when none is set
   */
  public static Dbq getDefault() {
    throw new UnsupportedOperationException("not yet");
  }

  /** @return the data source */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Applies the schema migrations not yet applied. */
  public void migrate() {
    throw new UnsupportedOperationException("not yet");
  }

  UUID enqueue(JobBuilder<?> job) {
    throw new UnsupportedOperationException("not yet");
  }

  static UUID enqueue(Connection connection, JobBuilder<?> job) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Enqueues many jobs in one statement, in the given order.
   *
   * @param jobs the builders
   * @return the ids, in the same order
   */
  public List<UUID> enqueueAll(Collection<? extends JobBuilder<?>> jobs) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Enqueues many jobs in one statement inside the caller's transaction.
   *
   * @param connection the caller's connection
   * @param jobs the builders
   * @return the ids, in the same order
   */
  public static List<UUID> enqueueAll(
      Connection connection, Collection<? extends JobBuilder<?>> jobs) {
    throw new UnsupportedOperationException("not yet");
  }

  /** @return waiting jobs per queue; queues with none are absent */
  public Map<String, Long> queueDepths() {
    return queueDepths(false);
  }

  /**
   * @param excludeFutureJobs leave out jobs whose {@code run_after} is in the future
   * @return waiting jobs per queue; queues with none are absent
   */
  public Map<String, Long> queueDepths(boolean excludeFutureJobs) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * @param olderThan age by creation time
   * @return how many COMPLETE, FAILED and STOPPING jobs were deleted
   */
  public int deleteOldJobs(Duration olderThan) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * @param id a job id
   * @return the job, or empty
   */
  public Optional<JobInfo> findJob(UUID id) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void close() {}
}
