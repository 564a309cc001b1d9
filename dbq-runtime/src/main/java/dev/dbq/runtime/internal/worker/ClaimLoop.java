package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.internal.ErrorBackoff;
import dev.dbq.runtime.internal.PermanentFault;
import dev.dbq.runtime.internal.RuntimeLoggers;
import dev.dbq.runtime.internal.store.Claim;
import dev.dbq.runtime.internal.store.StepRunOutcome;
import dev.dbq.runtime.internal.store.WorkerStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * The worker's engine. One supervisor thread claims jobs for idle slots plus a bounded prefetch
 * and, when told to stop, runs the shutdown sequence; {@code concurrency} slot threads each run one
 * claimed step and hand its outcome to the {@link CompletionBatcher}, which saves finished steps in
 * batches. Claim, release the connection, run, then save: no connection is held while a step runs.
 *
 * <p>A claim stays held (leased, renewed, handed back or marked STOPPING on shutdown) from the
 * claim until its outcome is committed: while it waits to start, while it runs, and while its
 * outcome waits for a flush. {@link ClaimsHeld} keeps where each claim is.
 */
final class ClaimLoop {
  private static final Logger log = RuntimeLoggers.of(ClaimLoop.class);
  private static final Duration FINAL_FLUSH_LIMIT = Duration.ofSeconds(10);

  private final WorkerSettings settings;
  private final boolean exitWhenEmpty;
  private final WorkerEvents events;
  private final WorkerStore store;
  private final StepRunner runner;
  private final WakeUp wakeUp = new WakeUp();
  private final RateLimiter rateLimiter;
  private final WakeUpListener listener;
  private final LeaseKeeper leaseKeeper;
  // interrupts running steps at their timeout, or once a cancel's grace period is over
  private final StepDeadlines deadlines;
  private final List<String> names;
  private final ClaimsHeld claims = new ClaimsHeld();
  private final CompletionBatcher batcher;
  private final Prefetch prefetch;
  private final ClaimSizing sizing;
  private final TableVacuum vacuum;
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final AtomicLong stepsRun = new AtomicLong();
  private final ExecutorService slots;
  private final HandBack handBack;
  private final ShutdownSequence shutdown;
  private volatile boolean stopping;
  private volatile PermanentFault fault;

  ClaimLoop(WorkerConfig config, boolean exitWhenEmpty, WorkerEvents events) {
    WorkerSettings settings = config.settings();
    this.settings = settings;
    this.exitWhenEmpty = exitWhenEmpty;
    this.events = events;
    this.store =
        new WorkerStore(
            config.dataSource(),
            settings.workerId(),
            settings.lease(),
            settings.catalog(),
            settings.recordHistory());
    this.runner =
        new StepRunner(
            settings.catalog(),
            settings.instanceFactory(),
            settings.retryPolicy(),
            settings.stepTimeout());
    this.rateLimiter = RateLimiter.of(settings.clock(), settings.rateLimit(), wakeUp);
    this.deadlines =
        new StepDeadlines(
            "dbq-worker-" + settings.workerId() + "-deadlines", settings.shutdownGrace());
    this.leaseKeeper =
        new LeaseKeeper(
            store, claims, settings.lease(), wakeUp::signal, deadlines::cancelRequested, events);
    this.listener =
        exitWhenEmpty || config.listenerConnections() == null
            ? null
            : new WakeUpListener(
                config.listenerConnections(),
                Set.copyOf(settings.queues()),
                wakeUp,
                leaseKeeper::renewNow,
                events);
    this.batcher =
        new CompletionBatcher(
            store,
            claims,
            settings.completionBatchSize(),
            settings.completionFlushDelay(),
            this::saved);
    this.vacuum = new TableVacuum(config.dataSource(), settings.vacuumEvery());
    this.prefetch = settings.newPrefetch();
    this.sizing = new ClaimSizing(settings, claims, rateLimiter, batcher, prefetch);
    this.names = settings.catalog().jobs().stream().map(JobDefinition::name).toList();
    this.slots = SlotPool.create(settings.workerId(), settings.concurrency());
    this.handBack = new HandBack(store, claims, settings.catalog());
    this.shutdown = new ShutdownSequence(settings, listener, store, claims, slots, handBack);
  }

  void start() {
    String prefix = "dbq-worker-" + settings.workerId();
    if (listener != null) {
      listener.start(prefix + "-listener");
    }
    leaseKeeper.start(prefix + "-lease");
    batcher.start(prefix + "-save");
    Thread supervisor = new Thread(this::supervise, prefix + "-claim");
    supervisor.start();
    log.info(
        "worker {} started: queues {}, concurrency {}, prefetch {}, jobs {}",
        settings.workerId(),
        settings.queues(),
        settings.concurrency(),
        prefetch,
        names);
  }

  /** Asks the loop to stop; returns at once. */
  void stop() {
    stopping = true;
    wakeUp.signal();
  }

  boolean awaitTermination(Duration timeout) throws InterruptedException {
    long nanos;
    try {
      nanos = timeout.toNanos();
    } catch (ArithmeticException tooLong) {
      nanos = Long.MAX_VALUE;
    }
    return terminated.await(nanos, TimeUnit.NANOSECONDS);
  }

  boolean isTerminated() {
    return terminated.getCount() == 0;
  }

  boolean isListening() {
    return listener != null && listener.isListening();
  }

  long stepsRun() {
    return stepsRun.get();
  }

  /** Jobs claimed and not yet saved: waiting to start, running, or waiting for their save. */
  int inFlight() {
    return claims.heldCount();
  }

  private void supervise() {
    try {
      WorkerWarmUp.run(store, settings.catalog(), names);
      ((ThreadPoolExecutor) slots).prestartAllCoreThreads();
      events.workerStarted(settings.queues(), settings.concurrency());
      claimUntilStopped();
    } finally {
      try {
        shutDown();
      } finally {
        terminated.countDown();
      }
    }
  }

  private void claimUntilStopped() {
    ErrorBackoff errorBackoff = new ErrorBackoff();
    while (!stopping) {
      try {
        releaseStalePrefetch();
        releaseAbandoned();
        int wanted = sizing.wanted();
        if (wanted <= 0) {
          wakeUp.await(sizing.untilNextLook());
          continue;
        }
        wanted = rateLimiter.turn(wanted, () -> !stopping);
        if (wanted == 0) {
          continue;
        }
        // read before the claim: only a claim that started with nothing held (so every save had
        // committed) and found nothing proves that nothing runnable is left
        boolean heldNothing = claims.holdsNothing();
        int heldBefore = claims.active();
        // before the statement: the leases it takes start later, on the database clock
        long claimedAt = System.nanoTime();
        // a limited queue is claimed for idle slots only: a prefetch would hold its capacity idle
        List<Claim> claimed =
            store.claim(
                settings.queues(),
                names,
                wanted,
                Math.min(wanted, settings.concurrency() - heldBefore));
        batcher.databaseAnswered();
        errorBackoff.reset();
        events.claimed(wanted, claimed.size(), System.nanoTime() - claimedAt);
        for (Claim claim : claimed) {
          dispatch(claim, claimedAt);
        }
        if (prefetch.isAdaptive() && claimed.size() > settings.concurrency() - heldBefore) {
          claims.claimedAhead(System.nanoTime(), claimed);
        }
        vacuum.claimed(claimed.size(), "dbq-worker-" + settings.workerId() + "-vacuum");
        if (!claimed.isEmpty()) {
          continue;
        }
        if (exitWhenEmpty && heldNothing) {
          log.info("worker {}: nothing runnable is left; stopping", settings.workerId());
          break;
        }
        if (!wakeUp.await(sizing.untilNextLook())) {
          events.wokeUp(false);
        }
      } catch (InterruptedException e) {
        log.warn("claim loop interrupted; stopping");
        Thread.currentThread().interrupt();
        break;
      } catch (Exception | VirtualMachineError e) {
        // an Error (another thread's OutOfMemoryError) must not end the loop: the worker would
        // stop claiming while it looked alive
        if (e instanceof Exception ex && stoppedBy(ex)) {
          break;
        }
        // after a fault the worker claims for its idle slots only, until steps finish again
        prefetch.forgetRate();
        log.warn("claiming failed; trying again in {} ms", errorBackoff.millis(), e);
        try {
          wakeUp.awaitMillis(errorBackoff.millis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
        errorBackoff.failedAgain();
      }
    }
  }

  /** An error that waiting cannot mend ends the loop, with one line naming the fix. */
  private boolean stoppedBy(Exception e) {
    fault = PermanentFault.in(e).orElse(null);
    if (fault != null) {
      log.error("worker {} stops: {}", settings.workerId(), fault.line());
    }
    return fault != null;
  }

  /** Why the loop stopped by itself, or null when it was stopped (or has not stopped). */
  PermanentFault fault() {
    return fault;
  }

  /**
   * Hands back, unrun, the adaptive prefetches that waited {@link Prefetch#STALE_AFTER_NANOS} to
   * start: the steps ahead of them turned out long, and a job enqueued meanwhile with a higher
   * priority (or another worker with an idle slot) should have them first.
   */
  private void releaseStalePrefetch() {
    int stale = claims.leaveStale(System.nanoTime());
    if (stale == 0) {
      return;
    }
    prefetch.forgetRate();
    log.debug("{} prefetched job(s) waited too long to start; giving them back", stale);
  }

  /**
   * Gives the claims left unstarted back as READY, unrun and their attempt not counted (fenced by
   * the claim: one that lapsed and was taken meanwhile is left alone). A failure is the claim
   * loop's, and is retried after its backoff.
   */
  private void releaseAbandoned() throws SQLException {
    Set<UUID> ids = claims.abandoned();
    if (ids.isEmpty()) {
      return;
    }
    int released = store.releaseUnstarted(ids);
    claims.givenBack(ids);
    log.debug("gave back {} job(s) left unstarted", released);
  }

  private void dispatch(Claim claim, long claimedAt) {
    claims.claimed(claim);
    rateLimiter.dispatched();
    slots.execute(() -> runSlot(claim, claimedAt));
  }

  private void runSlot(Claim claim, long claimedAt) {
    if (!claims.takeToStart(claim.claimId())) {
      rateLimiter.abandoned();
      return; // handed back by the shutdown before it started
    }
    if (batcher.savesFailing()) {
      // the database takes no saves (an outage): a step started now would run without its result
      // being saved and run again once its lease lapsed. It is left unstarted instead, for its
      // lease to lapse and the rescue to give it back; only steps already running are repeated.
      abandonUnstarted(claim, "not started while saves fail");
      return;
    }
    long vouchedFrom = Math.max(claimedAt, leaseKeeper.renewedFromNanos());
    if (System.nanoTime() - vouchedFrom > settings.lease().toNanos() * 2 / 3) {
      // no renewal has vouched for this claim for most of a lease (the database was unreachable):
      // it may have lapsed and be running elsewhere, so it is not started here
      abandonUnstarted(claim, "not started: its lease may have lapsed");
      return;
    }
    long startedNanos = claims.started(claim.claimId(), Thread.currentThread());
    rateLimiter.started();
    WorkerStore.Finished finished = null;
    StepWatch watch = deadlines.watch(claim.claimId());
    events.stepStarted(claim);
    try {
      finished = runner.run(claim, startedNanos, watch);
    } catch (VirtualMachineError fatal) {
      // the run counts: a step that exhausts the heap on every run must reach the lost-run bound
      handBack.of(
          Set.of(claim.claimId()),
          "step " + (claim.stepIndex() + 1) + " hit " + fatal + " on worker " + settings.workerId(),
          StepRunOutcome.LOST);
      throw fatal;
    } catch (RuntimeException e) {
      log.error("slot failed on job {}; the job's lease will lapse", claim.id(), e);
    } finally {
      // always after a start, so that a span or a timer opened there is closed
      events.stepEnded(
          claim, finished == null ? null : finished.outcome(), System.nanoTime() - startedNanos);
      deadlines.forget(claim.claimId());
      prefetch.stepFinished();
      int left = claims.slotDone(claim.claimId());
      if (finished == null || !batcher.add(finished, left == 0)) {
        claims.settled(claim.claimId());
        stepsRun.incrementAndGet();
      }
      if (left <= sizing.refillMark(prefetch.current())) {
        wakeUp.signal();
      }
    }
  }

  /** A claim that will not start here: given back by {@link #releaseAbandoned}. */
  private void abandonUnstarted(Claim claim, String why) {
    log.debug("job {}: {}; given back once the database answers", claim.id(), why);
    claims.leftUnstarted(claim.claimId());
    rateLimiter.abandoned();
    wakeUp.signal();
  }

  /** A batch was committed (or abandoned): its claims are no longer held. */
  private void saved(List<WorkerStore.Finished> batch, Set<UUID> written) {
    for (WorkerStore.Finished f : batch) {
      Claim claim = f.claim();
      if (!written.contains(claim.claimId())) {
        log.warn(
            "job {} was taken from this worker (lease lapsed or handed back); result of step {}"
                + " dropped",
            claim.id(),
            claim.stepIndex() + 1); // counted from 1 in messages, as attempts are
      } else {
        events.stepSaved(claim, f.outcome());
      }
      claims.settled(claim.claimId());
      stepsRun.incrementAndGet();
    }
    wakeUp.signal();
  }

  private void shutDown() {
    try {
      shutdown.run();
    } finally {
      closeBatcher();
      leaseKeeper.stop();
      deadlines.close();
      log.info("worker {} stopped after {} step(s)", settings.workerId(), stepsRun.get());
      events.workerStopped(settings.concurrency(), stepsRun.get());
    }
  }

  /** Saves the outcomes still pending; gives up (they run again) if the database stays away. */
  private void closeBatcher() {
    try {
      batcher.close(FINAL_FLUSH_LIMIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What ended this worker when a step called {@code System.exit}, or null. */
  String stepExit() {
    return shutdown.stepExit();
  }
}
