package dev.dbq.runtime;

import dev.dbq.runtime.cli.WorkerCommand;
import dev.dbq.runtime.internal.worker.WorkerAccess;
import dev.dbq.runtime.internal.worker.WorkerConfig;
import dev.dbq.runtime.internal.worker.WorkerEvents;
import dev.dbq.runtime.internal.worker.WorkerLifecycle;
import dev.dbq.runtime.internal.worker.WorkerSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs jobs from the database: claims runnable jobs of its queues (highest priority first, then
 * oldest), runs one step of each with its hooks, and saves the results, in up to {@code
 * concurrency} slots at once. Finished steps are saved in batches (one commit for many, see {@link
 * Builder#completionBatch}); a step whose batch was not yet committed when the worker died runs
 * again, as any step of a dead worker does (at-least-once). Wakes on {@code LISTEN
 * dbq_job_enqueued} and polls as a fallback (behind a transaction-pooling proxy it only polls:
 * {@link Builder#transactionPooling}). Claims are leases renewed by a heartbeat; jobs whose worker
 * died go back to READY. Unless {@link Builder#prefetch} fixes it, a worker claims ahead of its
 * idle slots only what they will start within {@link #DEFAULT_PREFETCH_HORIZON}; before its first
 * claim it runs its claim, save and step paths once without touching a job, so that its first jobs
 * start as fast as later ones.
 *
 * <pre>{@code
 * try (DbqWorker worker =
 *     DbqWorker.builder().dbq(dbq).queues("default", "mail").concurrency(4).build()) {
 *   worker.start();
 *   ...
 * } // close(): stops claiming, lets running steps finish within the grace period
 * }</pre>
 *
 * <p>From the command line: {@code worker [QUEUE ...] [--rate-limit S] [--concurrency N] [--lease
 * S] [--progress S] [--exit-when-empty]} (see {@link WorkerCommand}).
 */
public final class DbqWorker implements AutoCloseable {
  /** The queue served unless {@link Builder#queues} names others. */
  public static final String DEFAULT_QUEUE = "default";

  /** Slots unless {@link Builder#concurrency} says otherwise. */
  public static final int DEFAULT_CONCURRENCY = 1;

  /**
   * The most slots accepted: each is a thread, and each running step may hold a connection of its
   * own; more than this would only wait on the database.
   */
  public static final int MAX_CONCURRENCY = 1000;

  /** No minimum gap between job starts (the seed's default was one second). */
  public static final Duration DEFAULT_RATE_LIMIT =
      Duration.ofSeconds(WorkerSettings.DEFAULT_RATE_LIMIT_SECONDS);

  /** How often an idle worker looks for jobs when no notification arrives. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

  /** How long a claim lasts without a heartbeat. */
  public static final Duration DEFAULT_LEASE =
      Duration.ofSeconds(WorkerSettings.DEFAULT_LEASE_SECONDS);

  /** The shortest lease accepted; the heartbeat runs every third of it. */
  public static final Duration MIN_LEASE = Duration.ofSeconds(1);

  /**
   * The longest lease accepted: a day. A longer one leaves a dead worker's jobs waiting for more
   * than a day, and the lease arithmetic must stay within PostgreSQL's timestamp range.
   */
  public static final Duration MAX_LEASE = Duration.ofDays(1);

  /** The longest minimum gap between two job starts accepted: a day. */
  public static final Duration MAX_RATE_LIMIT = Duration.ofDays(1);

  /** The longest poll interval, shutdown grace period and first retry backoff accepted: a day. */
  public static final Duration MAX_WAIT = Duration.ofDays(1);

  /** How long running steps may take to finish once the worker is told to stop. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

  /** The wait after the first failed attempt of a step (doubled per attempt, with jitter). */
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(10);

  /** The longest wait between attempts. */
  public static final Duration MAX_RETRY_BACKOFF = Duration.ofHours(1);

  /**
   * How many times a step's run may be lost (its worker killed, or its lease lapsed) before the job
   * is failed instead of run again: 10. A claim counts as an attempt, and a step failure uses
   * attempts only up to the job's {@code maxAttempts}, so a step claimed more than {@code
   * maxAttempts + MAX_LOST_RUNS} times lost its worker more than this many times. It is the guard
   * against a poison pill, a job whose step kills every worker that runs it: it is then {@code
   * FAILED} with a {@code last_error} that says so, and neither the step nor any hook runs again.
   * Every run that ends without a saved result counts: a killed worker, a lapsed lease, a fatal
   * error such as {@code OutOfMemoryError}, a step calling {@code System.exit}, a step still
   * running when a shutdown's grace period ended. Only a prefetched job handed back before its step
   * started gets its attempt back.
   */
  public static final int MAX_LOST_RUNS = 10;

  /**
   * Unless {@link Builder#prefetch} fixes it, a worker claims ahead of its idle slots only what
   * they will start within this horizon, at the rate they started steps lately (10 ms).
   */
  public static final Duration DEFAULT_PREFETCH_HORIZON = Duration.ofMillis(10);

  /** The largest prefetch accepted. */
  public static final int MAX_PREFETCH = 1000;

  /** Finished steps saved in one statement at most, unless {@link Builder#completionBatch} says. */
  public static final int DEFAULT_COMPLETION_BATCH_SIZE = 100;

  /** The largest completion batch accepted. */
  public static final int MAX_COMPLETION_BATCH_SIZE = 1000;

  /** How long a finished step may wait for others to share its commit. */
  public static final Duration DEFAULT_COMPLETION_FLUSH_DELAY = Duration.ofMillis(2);

  /** The longest flush delay accepted. */
  public static final Duration MAX_COMPLETION_FLUSH_DELAY = Duration.ofSeconds(1);

  /** Claimed jobs between two vacuums of the queue table by this worker; 0 for never. */
  public static final int DEFAULT_VACUUM_EVERY = 20_000;

  static {
    // the command line's hooks (internal, not API): see WorkerAccess
    WorkerAccess.install(new WorkerAccess.Hooks(worker -> worker.lifecycle, Builder::settings));
  }

  private final WorkerConfig config;
  private final WorkerLifecycle lifecycle;

  private DbqWorker(WorkerConfig config, WorkerEvents events) {
    this.config = config;
    this.lifecycle = new WorkerLifecycle(config, events);
  }

  /**
   * @return a builder with the documented defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The command line: {@code worker [QUEUE ...] [--rate-limit S] [--concurrency N] [--lease S]
   * [--progress S] [--exit-when-empty]}, with the database from {@code DBQ_JDBC_URL}. Exits 0 after
   * a graceful stop or a drained queue, 2 on bad input, 1 when a database error that waiting cannot
   * mend stopped it. It logs its start, progress, failed jobs and stop; with no SLF4J provider on
   * the class path, on stderr.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(WorkerCommand.run(args));
  }

  /**
   * Starts claiming in background threads; returns at once.
   *
   * @throws IllegalStateException when already started
   */
  public void start() {
    lifecycle.start(false);
  }

  /**
   * Runs every job that is runnable now, step after step, until none is left (jobs waiting for a
   * future {@code run_after}, including retries, are left alone), then stops and returns.
   *
   * @return how many steps ran
   * @throws InterruptedException when interrupted while waiting; the worker then stops
   * @throws IllegalStateException when already started
   * @throws DbqException when a database error that waiting cannot mend stopped it (see {@link
   *     #failure()})
   */
  public long runUntilEmpty() throws InterruptedException {
    long stepsRun = lifecycle.runUntilEmpty(closeWait());
    Optional<DbqException> failure = failure();
    if (failure.isPresent()) {
      throw failure.get();
    }
    return stepsRun;
  }

  /**
   * Stops gracefully and returns at once: no more claims; jobs in flight are marked STOPPING and
   * may finish within the shutdown grace period; any still running then go back to READY. Use
   * {@link #awaitTermination(Duration)} to wait for that.
   */
  public void stop() {
    lifecycle.stop();
  }

  /**
   * Waits for the worker to finish stopping.
   *
   * @param timeout the longest wait
   * @return true when it stopped (or never started), false on timeout
   * @throws InterruptedException when interrupted
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return lifecycle.awaitTermination(timeout);
  }

  /**
   * Why the worker stopped by itself. A database error that waiting cannot mend (the dbq tables do
   * not exist, the password or the database name is wrong, a privilege is missing) stops the worker
   * instead of a retry loop: it logs one line naming the fix at ERROR and stops as {@link #stop()}
   * does. Transient faults (connection refused, a restart, a killed connection) never stop it.
   *
   * @return the error, its message naming the fix (for example "run `dbq migrate`"); empty while
   *     the worker runs and after a stop that was asked for
   */
  public Optional<DbqException> failure() {
    return lifecycle.failure().map(DbqException::new);
  }

  /** Jobs this worker holds: claimed and not yet saved (for the progress report). */
  int inFlight() {
    return lifecycle.inFlight();
  }

  /**
   * @return whether the worker was started and has not stopped yet
   */
  public boolean isRunning() {
    return lifecycle.isRunning();
  }

  /** Stops gracefully and waits for it (the shutdown grace period and a margin, at most). */
  @Override
  public void close() {
    stop();
    try {
      awaitTermination(closeWait());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Duration closeWait() {
    return config.settings().shutdownGrace().plusSeconds(30);
  }

  /**
   * @return the id this worker writes into {@code lock_owner}
   */
  public String workerId() {
    return config.settings().workerId();
  }

  /**
   * @return the queues this worker serves
   */
  public List<String> queues() {
    return config.settings().queues();
  }

  /** Whether the wake-up listener is connected and listening (for tests and health checks). */
  boolean isListening() {
    return lifecycle.isListening();
  }

  /**
   * Configures a {@link DbqWorker}: the settings are those of {@link WorkerOptions}. Every setting
   * is checked once, in {@link #build()}, with an {@link IllegalArgumentException} that names it
   * and the offending value.
   */
  public static final class Builder extends WorkerOptions<Builder> {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Checks the settings and builds the worker.
     *
     * @return a worker, not yet started
     * @throws IllegalArgumentException when a setting is out of range
     */
    public DbqWorker build() {
      DataSource dataSource = requiredDataSource();
      WorkerSettings settings = settings();
      WorkerConfig config =
          (transactionPooling()
                  ? WorkerConfig.polling(dataSource, settings)
                  : WorkerConfig.of(dataSource, settings))
              .firingSchedulesOf(schedulesFired());
      return new DbqWorker(config, events(settings));
    }
  }
}
