package dev.dbq.micrometer;

import static dev.dbq.micrometer.MeterNames.SOURCE;
import static dev.dbq.micrometer.MeterNames.STATE;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqEvent;
import dev.dbq.runtime.DbqListener;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.StepDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * dbq's Micrometer meters, fed by dbq's events: add it as a listener to the {@link Dbq} that
 * enqueues ({@link Dbq#addListener}) and to each worker ({@code
 * DbqWorker.builder().listener(metrics)}).
 *
 * <pre>{@code
 * DbqMetrics metrics = DbqMetrics.builder(registry, Jobs.catalog()).queueStats(dbq).build();
 * dbq.addListener(metrics);
 * DbqWorker worker = DbqWorker.builder().dbq(dbq).listener(metrics).build();
 * }</pre>
 *
 * <p>Every job and step meter is registered by {@link Builder#build()}, from the catalog: each job
 * in its default queue and in the queues given to {@link Builder#queues}, each of its steps with
 * each outcome. A dashboard shows them at zero before the first run, and their tags are bounded by
 * construction: job, step and queue names come from the code, never a job id or worker id. A job
 * enqueued into a queue not named up front gets its meters at its first event (the queue names an
 * application passes are few). The queue gauges ({@code dbq.queue.depth}, {@code
 * dbq.queue.oldest.age}) are registered for the catalog's queues and those named only, and read one
 * cached {@link Dbq#queueStats()} at most once per {@link Builder#queueStatsEvery} interval.
 *
 * <p>The meters, by name: {@code dbq.jobs.enqueued{job,queue}}, {@code
 * dbq.step.duration{job,step,queue,outcome}} (outcome {@code succeeded}, {@code retrying}, {@code
 * failed}, {@code cancelled}, {@code lost}), {@code dbq.job.duration{job,queue,outcome}} (creation
 * to {@code complete}, {@code failed} or {@code cancelled}), {@code
 * dbq.job.start.delay{job,queue}}, {@code dbq.jobs.active{job,queue}} (a long task timer of running
 * steps), {@code dbq.job.retries{job,queue}}, {@code dbq.jobs.rescued{job,queue}}, {@code
 * dbq.jobs.duplicates{job,queue}} (enqueues of a unique job refused as duplicates of a waiting or
 * running one; registered up front for the catalog's unique jobs only, at its first duplicate for a
 * queue not named), {@code dbq.claim.batch}, {@code dbq.claim.duration}, {@code
 * dbq.queue.depth{queue,state}} (state {@code runnable}, {@code scheduled}, {@code held}), {@code
 * dbq.queue.oldest.age{queue}}, {@code dbq.worker.slots{state}} ({@code busy}, {@code idle}),
 * {@code dbq.lease.renewal.failures}, {@code dbq.wakeups{source}} ({@code notify}, {@code poll}).
 */
public final class DbqMetrics implements DbqListener {
  /**
   * How often the queue gauges ask the database at most, unless {@link Builder#queueStatsEvery}.
   */
  public static final Duration DEFAULT_QUEUE_STATS_INTERVAL = Duration.ofSeconds(15);

  private final MeterRegistry registry;
  private final Map<String, List<String>> stepNames = new ConcurrentHashMap<>();
  private final Set<String> uniqueJobs = ConcurrentHashMap.newKeySet();
  // job name -> queue -> meters: two look-ups per event, no tag objects built
  private final Map<String, Map<String, JobMeters>> jobs = new ConcurrentHashMap<>();
  // the step running on this thread, with its meters: a step starts and ends on one thread, and a
  // slot runs one step at a time, so the end needs neither a shared map nor a second look-up
  private final ThreadLocal<Running> running = new ThreadLocal<>();
  private final DistributionSummary claimBatch;
  private final Timer claimDuration;
  private final Counter leaseRenewalFailures;
  private final Counter notified;
  private final Counter polled;
  private final AtomicInteger slots = new AtomicInteger();

  private DbqMetrics(Builder b) {
    this.registry = b.registry;
    Set<String> queues = new LinkedHashSet<>();
    for (JobDefinition job : b.catalog.jobs()) {
      stepNames.put(job.name(), job.steps().stream().map(StepDefinition::name).toList());
      if (job.unique().isPresent()) {
        uniqueJobs.add(job.name());
      }
      queues.add(job.queue());
    }
    queues.addAll(b.queues);
    for (JobDefinition job : b.catalog.jobs()) {
      meters(job.name(), job.queue());
      for (String queue : b.queues) {
        meters(job.name(), queue);
      }
    }
    claimBatch =
        DistributionSummary.builder(MeterNames.CLAIM_BATCH)
            .description("jobs per claim that found any")
            .register(registry);
    claimDuration =
        Timer.builder(MeterNames.CLAIM_DURATION)
            .description("a worker's claim statement")
            .register(registry);
    leaseRenewalFailures =
        Counter.builder(MeterNames.LEASE_RENEWAL_FAILURES)
            .description("lease renewals that failed or found a lease lapsed")
            .register(registry);
    notified = wakeups("notify");
    polled = wakeups("poll");
    // busy slots are the running steps the long task timers count: no counter of their own on the
    // steps' path
    Gauge.builder(MeterNames.WORKER_SLOTS, this, DbqMetrics::busy)
        .description("worker slots running a step, or idle")
        .tag(STATE, "busy")
        .strongReference(true)
        .register(registry);
    Gauge.builder(MeterNames.WORKER_SLOTS, this, m -> Math.max(0, m.slots.get() - m.busy()))
        .description("worker slots running a step, or idle")
        .tag(STATE, "idle")
        .strongReference(true)
        .register(registry);
    if (b.dbq != null) {
      new QueueGauges(b.dbq::queueStats, b.queueStatsEvery, System::nanoTime)
          .register(registry, queues);
    }
  }

  /**
   * @param registry where the meters go
   * @param catalog the jobs to register meters for (a generated {@code Jobs.catalog()}, or {@link
   *     JobCatalog#loadAll()})
   * @return a builder
   */
  public static Builder builder(MeterRegistry registry, JobCatalog catalog) {
    return new Builder(registry, catalog);
  }

  private double busy() {
    double running = 0;
    for (Map<String, JobMeters> byQueue : jobs.values()) {
      for (JobMeters m : byQueue.values()) {
        running += m.active.activeTasks();
      }
    }
    return running;
  }

  private Counter wakeups(String source) {
    return Counter.builder(MeterNames.WAKEUPS)
        .description("idle worker wake-ups, by a notification or a poll")
        .tag(SOURCE, source)
        .register(registry);
  }

  private JobMeters meters(String job, String queue) {
    return jobs.computeIfAbsent(job, j -> new ConcurrentHashMap<>())
        .computeIfAbsent(
            queue,
            q ->
                new JobMeters(
                    registry,
                    job,
                    q,
                    stepNames.getOrDefault(job, List.of()),
                    uniqueJobs.contains(job)));
  }

  private JobMeters meters(DbqEvent.JobRef job) {
    Map<String, JobMeters> byQueue = jobs.get(job.name());
    JobMeters found = byQueue == null ? null : byQueue.get(job.queue());
    return found != null ? found : meters(job.name(), job.queue());
  }

  @Override
  public void onEnqueued(DbqEvent.Enqueued event) {
    for (DbqEvent.EnqueuedJob job : event.jobs()) {
      meters(job.job()).enqueued.increment();
    }
    for (DbqEvent.EnqueuedJob duplicate : event.duplicates()) {
      meters(duplicate.job()).duplicates().increment();
    }
  }

  @Override
  public void onWorkerStarted(DbqEvent.WorkerStarted event) {
    slots.addAndGet(event.concurrency());
  }

  @Override
  public void onWorkerStopped(DbqEvent.WorkerStopped event) {
    slots.addAndGet(-event.concurrency());
  }

  @Override
  public void onWokeUp(DbqEvent.WokeUp event) {
    (event.source() == DbqEvent.WakeUpSource.NOTIFY ? notified : polled).increment();
  }

  @Override
  public void onClaimed(DbqEvent.Claimed event) {
    claimDuration.record(event.duration());
    if (event.claimed() > 0) {
      claimBatch.record(event.claimed());
    }
  }

  @Override
  public void onStepStarted(DbqEvent.StepStarted event) {
    JobMeters m = meters(event.run().job());
    running.set(new Running(m, m.active.start()));
    if (event.startDelay() != null) {
      m.startDelay.record(event.startDelay());
    }
  }

  @Override
  public void onStepEnded(DbqEvent.StepEnded event) {
    Running run = running.get();
    running.remove();
    JobMeters m;
    if (run != null) {
      run.sample.stop();
      m = run.meters;
    } else {
      m = meters(event.run().job());
    }
    m.step(event.run().stepIndex(), event.result()).record(event.duration());
  }

  @Override
  public void onRetryScheduled(DbqEvent.RetryScheduled event) {
    meters(event.job()).retries.increment();
  }

  @Override
  public void onJobEnded(DbqEvent.JobEnded event) {
    Timer timer = meters(event.job()).ended(event.state());
    if (timer != null) {
      timer.record(event.age());
    }
  }

  @Override
  public void onRescued(DbqEvent.Rescued event) {
    meters(event.job()).rescued.increment();
  }

  @Override
  public void onLeaseRenewalFailed(DbqEvent.LeaseRenewalFailed event) {
    leaseRenewalFailures.increment();
  }

  private record Running(JobMeters meters, LongTaskTimer.Sample sample) {}

  /** Configures {@link DbqMetrics}; {@link #build()} registers every meter. */
  public static final class Builder {
    private final MeterRegistry registry;
    private final JobCatalog catalog;
    private final List<String> queues = new ArrayList<>();
    private Dbq dbq;
    private Duration queueStatsEvery = DEFAULT_QUEUE_STATS_INTERVAL;

    private Builder(MeterRegistry registry, JobCatalog catalog) {
      this.registry = Objects.requireNonNull(registry, "registry");
      this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * @param names queues to register every job's meters and the queue gauges for, besides each
     *     job's default queue (a worker's queues, queues jobs are enqueued into by name)
     * @return this builder
     */
    public Builder queues(String... names) {
      queues.addAll(Arrays.asList(Objects.requireNonNull(names, "names")));
      return this;
    }

    /**
     * @param database where the queue gauges read {@link Dbq#queueStats()}; without it there are no
     *     queue gauges
     * @return this builder
     */
    public Builder queueStats(Dbq database) {
      this.dbq = Objects.requireNonNull(database, "database");
      return this;
    }

    /**
     * @param interval the least time between two queue-stats queries; {@link
     *     #DEFAULT_QUEUE_STATS_INTERVAL} unless set
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder queueStatsEvery(Duration interval) {
      if (Objects.requireNonNull(interval, "interval").isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("queueStatsEvery must be positive, was " + interval);
      }
      this.queueStatsEvery = interval;
      return this;
    }

    /**
     * Registers every meter.
     *
     * @return the listener that feeds them
     */
    public DbqMetrics build() {
      return new DbqMetrics(this);
    }
  }
}
