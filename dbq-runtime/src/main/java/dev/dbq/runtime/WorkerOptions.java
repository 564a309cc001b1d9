package dev.dbq.runtime;

import dev.dbq.runtime.internal.Listeners;
import dev.dbq.runtime.internal.worker.ListenerEvents;
import dev.dbq.runtime.internal.worker.WorkerEvents;
import dev.dbq.runtime.internal.worker.WorkerSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * The settings of a {@link DbqWorker}, set on its {@link DbqWorker.Builder} ({@code
 * DbqWorker.builder()}): each setter returns the builder, and {@link DbqWorker.Builder#build()}
 * checks them all once. The defaults and the bounds are {@link DbqWorker}'s constants. This class
 * holds the settings apart from the worker itself so that each stays readable; only {@link
 * DbqWorker.Builder} extends it.
 *
 * @param <B> the builder type the setters return
 */
public abstract class WorkerOptions<B extends WorkerOptions<B>> {
  private DataSource dataSource;
  private Dbq dbq; // set by dbq(...): the data source is then the one serving the worker's queues
  private JobCatalog catalog;
  private List<String> queues = List.of(DbqWorker.DEFAULT_QUEUE);
  private int concurrency = DbqWorker.DEFAULT_CONCURRENCY;
  private Duration rateLimit = DbqWorker.DEFAULT_RATE_LIMIT;
  private Duration pollInterval = DbqWorker.DEFAULT_POLL_INTERVAL;
  private Duration lease = DbqWorker.DEFAULT_LEASE;
  private Duration shutdownGrace = DbqWorker.DEFAULT_SHUTDOWN_GRACE;
  private Duration retryBackoff = DbqWorker.DEFAULT_RETRY_BACKOFF;
  private Duration stepTimeout;
  private InstanceFactory instanceFactory = InstanceFactory.NEW_INSTANCE_PER_CALL;
  private Clock clock = Clock.systemUTC();
  private String workerId;
  private Integer prefetch; // null: adaptive
  private int completionBatchSize = DbqWorker.DEFAULT_COMPLETION_BATCH_SIZE;
  private Duration completionFlushDelay = DbqWorker.DEFAULT_COMPLETION_FLUSH_DELAY;
  private int vacuumEvery = DbqWorker.DEFAULT_VACUUM_EVERY;
  private final List<DbqListener> listeners = new ArrayList<>();
  private boolean recordHistory = true;
  private boolean transactionPooling;

  WorkerOptions() {}

  /**
   * Adds a listener told of this worker's work as it happens (claims, steps, retries, failures,
   * rescues, wake-ups, its start and stop); call it again for several. Listeners of the {@link Dbq}
   * given to {@link #dbq} are not added: they hear its enqueues. A worker without listeners builds
   * no events.
   *
   * @param listener the listener
   * @return this builder
   */
  public B listener(DbqListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return self();
  }

  /**
   * @param dbq the database to work on (its data source is used; with {@linkplain Dbq.Builder#route
   *     routes}, the one that serves this worker's queues, and a worker whose queues are routed to
   *     different databases is refused by {@code build()}, and only the schedules of jobs whose
   *     queue lives in that database are fired); a {@code Dbq} {@linkplain
   *     Dbq#isTransactionPooling() set up for a transaction-pooling proxy} turns {@link
   *     #transactionPooling(boolean)} on too
   * @return this builder
   */
  public B dbq(Dbq dbq) {
    dataSource(Objects.requireNonNull(dbq, "dbq").dataSource());
    this.dbq = dbq;
    if (dbq.isTransactionPooling()) {
      transactionPooling = true;
    }
    return self();
  }

  /**
   * Says that the data source reaches PostgreSQL through a proxy that pools by transaction
   * (PgBouncer's {@code pool_mode = transaction}); see {@link Dbq.Builder#transactionPooling}. On,
   * the worker uses no server-side prepared statement, and does not {@code LISTEN} for enqueues
   * (through such a proxy a {@code LISTEN} silently never delivers): an idle worker finds new jobs
   * at its next {@link #pollInterval(Duration) poll}, and an operator's cancel at its next lease
   * renewal (a third of the {@link #lease(Duration) lease}). Off unless set, or unless the {@link
   * Dbq} given to {@link #dbq(Dbq)} has it.
   *
   * @param on true behind a transaction-pooling proxy
   * @return this builder
   */
  public B transactionPooling(boolean on) {
    this.transactionPooling = on;
    return self();
  }

  /** Whether the worker polls instead of listening, behind a transaction-pooling proxy. */
  boolean transactionPooling() {
    return transactionPooling;
  }

  /**
   * @param dataSource the database to work on; a pool is recommended
   * @return this builder
   */
  public B dataSource(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.dbq = null;
    return self();
  }

  /**
   * @param catalog the jobs this worker runs; by default every catalog on the class path
   * @return this builder
   */
  public B catalog(JobCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    return self();
  }

  /**
   * @param queueNames the queues to serve, at least one; {@value DbqWorker#DEFAULT_QUEUE} unless
   *     set
   * @return this builder
   */
  public B queues(String... queueNames) {
    this.queues = new ArrayList<>(Arrays.asList(Objects.requireNonNull(queueNames, "queues")));
    return self();
  }

  /**
   * @param slots how many steps run at once, at least 1
   * @return this builder
   */
  public B concurrency(int slots) {
    this.concurrency = slots;
    return self();
  }

  /**
   * Fixes how many jobs are claimed beyond the idle slots, so that a slot that frees up finds its
   * next job without a round trip and claims come in batches. Prefetched jobs are held like running
   * ones: leased, renewed, and handed back as READY on shutdown without running. They also are not
   * available to other workers meanwhile, and a job enqueued later with a higher priority waits for
   * them.
   *
   * <p>Unless set, the prefetch adapts: the worker claims ahead only what its slots will start
   * within {@link DbqWorker#DEFAULT_PREFETCH_HORIZON} at the rate they finished steps in the last
   * tens of milliseconds (at most 32 per slot). Short steps get batches of claims; steps that take
   * seconds get no prefetch at all, so a job enqueued later with a higher priority starts as soon
   * as a slot frees. A prefetched job that has waited 100 ms to start (the steps ahead of it turned
   * long) goes back to READY. {@code prefetch(0)} never claims ahead.
   *
   * @param jobs 0..{@value DbqWorker#MAX_PREFETCH}
   * @return this builder
   */
  public B prefetch(int jobs) {
    this.prefetch = jobs;
    return self();
  }

  /**
   * How finished steps are saved: together, in one statement and one commit per batch of up to
   * {@code maxSize}, flushed when full, when its first step has waited {@code maxDelay}, when no
   * other step is running, and on shutdown. A finished step's job stays claimed until its batch
   * commits; a crash before that runs the step again (at-least-once).
   *
   * @param maxSize 1..{@value DbqWorker#MAX_COMPLETION_BATCH_SIZE}; 1 saves every step at once
   * @param maxDelay zero..{@link DbqWorker#MAX_COMPLETION_FLUSH_DELAY}
   * @return this builder
   */
  public B completionBatch(int maxSize, Duration maxDelay) {
    this.completionBatchSize = maxSize;
    this.completionFlushDelay = Objects.requireNonNull(maxDelay, "maxDelay");
    return self();
  }

  /**
   * Vacuums {@code dbq_job} in the background after every so many jobs this worker claimed. Claimed
   * jobs leave dead entries at the head of the claim index that every claim steps over until a
   * vacuum removes them; autovacuum alone visits too rarely at thousands of jobs a second.
   * Concurrent vacuums of several workers skip rather than queue.
   *
   * @param claimedJobs at least 1000, or 0 to leave vacuuming to autovacuum; {@value
   *     DbqWorker#DEFAULT_VACUUM_EVERY} unless set
   * @return this builder
   */
  public B vacuumEvery(int claimedJobs) {
    this.vacuumEvery = claimedJobs;
    return self();
  }

  /**
   * Whether this worker records every run of a step in {@code dbq_step_run} (the job's step-run
   * history: outcome, times, error and stack trace), in the statement that saves the step. On
   * unless turned off; off, its batched saves write one row less per step (see {@code
   * docs/benchmarks.md} for what a row costs), and the jobs it runs have no history of those runs.
   * The lost runs its rescue finds (its own after a crash, or other workers') are still recorded,
   * as other workers' runs are.
   *
   * @param record false to write no history rows
   * @return this builder
   */
  public B recordHistory(boolean record) {
    this.recordHistory = record;
    return self();
  }

  /**
   * @param minimumGap the minimum time between two job starts of this worker; zero for none
   * @return this builder
   */
  public B rateLimit(Duration minimumGap) {
    this.rateLimit = Objects.requireNonNull(minimumGap, "rateLimit");
    return self();
  }

  /**
   * @param interval how often an idle worker polls when no notification wakes it
   * @return this builder
   */
  public B pollInterval(Duration interval) {
    this.pollInterval = Objects.requireNonNull(interval, "pollInterval");
    return self();
  }

  /**
   * @param duration how long a claim lasts without a heartbeat, at least one second
   * @return this builder
   */
  public B lease(Duration duration) {
    this.lease = Objects.requireNonNull(duration, "lease");
    return self();
  }

  /**
   * @param grace how long running steps may take to finish once the worker stops; also how long a
   *     step whose job an operator cancelled may take to stop before it is interrupted
   * @return this builder
   */
  public B shutdownGrace(Duration grace) {
    this.shutdownGrace = Objects.requireNonNull(grace, "shutdownGrace");
    return self();
  }

  /**
   * A timeout for every step that has none of its own ({@link StepDefinition#timeout()}): a step
   * past it is interrupted and fails that attempt (retried while attempts remain), with the timeout
   * in {@code last_error}. A step that ignores interrupts runs on until it returns. No timeout
   * unless set.
   *
   * @param timeout how long a step may run: positive, at most 1,000 years
   * @return this builder
   */
  public B stepTimeout(Duration timeout) {
    this.stepTimeout = Objects.requireNonNull(timeout, "stepTimeout");
    return self();
  }

  /**
   * @param firstWait the wait after the first failed attempt; doubled per attempt, with jitter, up
   *     to {@link DbqWorker#MAX_RETRY_BACKOFF}
   * @return this builder
   */
  public B retryBackoff(Duration firstWait) {
    this.retryBackoff = Objects.requireNonNull(firstWait, "retryBackoff");
    return self();
  }

  /**
   * @param factory supplies the instances whose methods are steps and hooks
   * @return this builder
   */
  public B instanceFactory(InstanceFactory factory) {
    this.instanceFactory = Objects.requireNonNull(factory, "instanceFactory");
    return self();
  }

  /**
   * @param clock the worker's own clock (rate limiting); leases use the database clock
   * @return this builder
   */
  public B clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  /**
   * @param id what the worker writes into {@code lock_owner}; by default pid@host plus a random
   *     suffix
   * @return this builder
   */
  public B workerId(String id) {
    this.workerId = Objects.requireNonNull(id, "workerId");
    return self();
  }

  /**
   * Checks every setting but the data source, so that a command line can reject bad input before it
   * connects; keeps the catalogs it looked up for the build.
   */
  WorkerSettings settings() {
    WorkerSettings settings =
        new WorkerSettings(
            catalog,
            queues,
            concurrency,
            rateLimit,
            pollInterval,
            lease,
            shutdownGrace,
            retryBackoff,
            instanceFactory,
            clock,
            workerId,
            prefetch == null ? OptionalInt.empty() : OptionalInt.of(prefetch),
            completionBatchSize,
            completionFlushDelay,
            vacuumEvery,
            stepTimeout,
            recordHistory);
    catalog = settings.catalog();
    return settings;
  }

  /** This builder, as the type its setters return. */
  abstract B self();

  /**
   * The data source, required before anything else is checked: with a routed {@link Dbq}, the one
   * database that serves every queue of this worker.
   *
   * @throws IllegalArgumentException when there is none, or the queues are routed apart
   */
  DataSource requiredDataSource() {
    if (dataSource == null) {
      throw new IllegalArgumentException(
          "a data source is required: call dbq(...) or dataSource(...)");
    }
    return dbq == null ? dataSource : dbq.dataSourceServing(queues);
  }

  /**
   * The queues whose jobs' schedules the worker fires: with a routed {@link Dbq}, those of its own
   * database, so that a fired job lands where its queue's workers look, and once.
   */
  Predicate<String> schedulesFired() {
    return dbq == null ? queue -> true : dbq.queuesWith(queues);
  }

  /** The events the worker tells its listeners: none built when it has none. */
  WorkerEvents events(WorkerSettings settings) {
    return listeners.isEmpty()
        ? WorkerEvents.NONE
        : new ListenerEvents(new Listeners(listeners), settings.catalog(), settings.workerId());
  }
}
