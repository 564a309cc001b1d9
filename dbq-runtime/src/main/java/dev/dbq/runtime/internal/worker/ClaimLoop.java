package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.internal.ErrorBackoff;
import dev.dbq.runtime.internal.PermanentFault;
import dev.dbq.runtime.internal.RuntimeLoggers;
import dev.dbq.runtime.internal.store.Claim;
import dev.dbq.runtime.internal.store.StepOutcome;
import dev.dbq.runtime.internal.store.WorkerStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * The worker's engine. One supervisor thread claims jobs for idle slots plus a bounded prefetch
 * and, when told to stop, runs the shutdown sequence; {@code concurrency} slot threads each run one
 * claimed step and hand its outcome to the {@link CompletionBatcher}, which saves finished steps in
 * batches. Claim, release the connection, run, then save: no connection is held while a step runs.
 *
 * <p>A claim stays in {@code inFlight} (leased, renewed, handed back or marked STOPPING on
 * shutdown) from the claim until its outcome is committed: while it waits to start, while it runs,
 * and while its outcome waits for a flush.
 */
public final class ClaimLoop {
  private static final Logger log = RuntimeLoggers.of(ClaimLoop.class);
  private static final Duration FINAL_FLUSH_LIMIT = Duration.ofSeconds(10);

  private final WorkerConfig config;
  private final boolean exitWhenEmpty;
  private final WorkerEvents events;
  private final WorkerStore store;
  private final StepRunner runner;
  private final WakeUp wakeUp = new WakeUp();
  private final RateLimiter rateLimiter;
  private final WakeUpListener listener;
  private final LeaseKeeper leaseKeeper;
  private final List<String> names;
  private final Map<UUID, Claim> inFlight = new ConcurrentHashMap<>();
  // claims dispatched but not started: removing one is the right to run it (slot) or to hand it
  // back (shutdown), never both
  private final Set<UUID> notStarted = ConcurrentHashMap.newKeySet();
  private final Set<UUID> running = ConcurrentHashMap.newKeySet();
  // claims that will not start here (the database was failing, or an adaptive prefetch went
  // stale): given back by the claim loop as soon as the database answers
  private final Set<UUID> abandoned = ConcurrentHashMap.newKeySet();
  // the slot thread of each running claim: a shutdown reads their stacks to tell a step that
  // called System.exit from a signal
  private final Map<UUID, Thread> slotThreads = new ConcurrentHashMap<>();
  private volatile String stepExit;
  // claims waiting to start or running: what the next claim is sized against
  private final AtomicInteger active = new AtomicInteger();
  private final CompletionBatcher batcher;
  private final Prefetch prefetch;
  private final PrefetchedClaims prefetched = new PrefetchedClaims();
  private final TableVacuum vacuum;
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final AtomicLong stepsRun = new AtomicLong();
  private final AtomicInteger slotNumber = new AtomicInteger();
  private final ExecutorService slots;
  private volatile boolean stopping;
  private volatile PermanentFault fault;

  public ClaimLoop(WorkerConfig config, boolean exitWhenEmpty, WorkerEvents events) {
    this.config = config;
    this.exitWhenEmpty = exitWhenEmpty;
    this.events = events;
    this.store = new WorkerStore(config.dataSource(), config.workerId(), config.lease());
    this.runner = new StepRunner(config.catalog(), config.instanceFactory(), config.retryBackoff());
    this.rateLimiter = new RateLimiter(config.clock(), config.rateLimit());
    this.listener =
        exitWhenEmpty
            ? null
            : new WakeUpListener(config.listenerConnections(), Set.copyOf(config.queues()), wakeUp);
    this.leaseKeeper =
        new LeaseKeeper(store, () -> Set.copyOf(inFlight.keySet()), config.lease(), wakeUp::signal);
    this.batcher =
        new CompletionBatcher(
            store, config.completionBatchSize(), config.completionFlushDelay(), this::saved);
    this.vacuum = new TableVacuum(config.dataSource(), config.vacuumEvery());
    this.prefetch = config.newPrefetch();
    this.names = config.catalog().jobs().stream().map(JobDefinition::name).toList();
    this.slots =
        Executors.newFixedThreadPool(
            config.concurrency(),
            r -> {
              Thread t =
                  new Thread(
                      r,
                      "dbq-worker-" + config.workerId() + "-slot-" + slotNumber.incrementAndGet());
              // the pool replaces a slot thread that died; say so once, in the log
              t.setUncaughtExceptionHandler(
                  (thread, e) ->
                      log.error(
                          "slot thread {} died of {}; the pool replaces it", thread.getName(), e));
              return t;
            });
  }

  public void start() {
    String prefix = "dbq-worker-" + config.workerId();
    if (listener != null) {
      listener.start(prefix + "-listener");
    }
    leaseKeeper.start(prefix + "-lease");
    batcher.start(prefix + "-save");
    Thread supervisor = new Thread(this::supervise, prefix + "-claim");
    supervisor.start();
    log.info(
        "worker {} started: queues {}, concurrency {}, prefetch {}, jobs {}",
        config.workerId(),
        config.queues(),
        config.concurrency(),
        prefetch,
        names);
  }

  /** Asks the loop to stop; returns at once. */
  public void stop() {
    stopping = true;
    wakeUp.signal();
  }

  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    long nanos;
    try {
      nanos = timeout.toNanos();
    } catch (ArithmeticException tooLong) {
      nanos = Long.MAX_VALUE;
    }
    return terminated.await(nanos, TimeUnit.NANOSECONDS);
  }

  public boolean isTerminated() {
    return terminated.getCount() == 0;
  }

  public boolean isListening() {
    return listener != null && listener.isListening();
  }

  public long stepsRun() {
    return stepsRun.get();
  }

  /** Jobs claimed and not yet saved: waiting to start, running, or waiting for their save. */
  public int inFlight() {
    return inFlight.size();
  }

  private void supervise() {
    try {
      WorkerWarmUp.run(store, config.catalog(), names);
      ((ThreadPoolExecutor) slots).prestartAllCoreThreads();
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
        int wanted = wanted();
        if (wanted <= 0) {
          wakeUp.await(untilNextLook());
          continue;
        }
        if (rateLimiter.isLimiting()) {
          if (!rateLimiter.awaitTurn(wakeUp, () -> !stopping)) {
            continue;
          }
          wanted = 1;
        }
        // read before the claim: only a claim that started with nothing held (so every save had
        // committed) and found nothing proves that nothing runnable is left
        boolean heldNothing = inFlight.isEmpty() && abandoned.isEmpty();
        int heldBefore = active.get();
        // before the statement: the leases it takes start later, on the database clock
        long claimedAt = System.nanoTime();
        // a limited queue is claimed for idle slots only: a prefetch would hold its capacity idle
        List<Claim> claims =
            store.claim(
                config.queues(),
                names,
                wanted,
                Math.min(wanted, config.concurrency() - heldBefore));
        batcher.databaseAnswered();
        errorBackoff.reset();
        for (Claim claim : claims) {
          dispatch(claim, claimedAt);
        }
        if (prefetch.isAdaptive() && claims.size() > config.concurrency() - heldBefore) {
          prefetched.claimed(System.nanoTime(), claims);
        }
        vacuum.claimed(claims.size(), "dbq-worker-" + config.workerId() + "-vacuum");
        if (!claims.isEmpty()) {
          continue;
        }
        if (exitWhenEmpty && heldNothing) {
          log.info("worker {}: nothing runnable is left; stopping", config.workerId());
          break;
        }
        wakeUp.await(untilNextLook());
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
      log.error("worker {} stops: {}", config.workerId(), fault.line());
    }
    return fault != null;
  }

  /** Why the loop stopped by itself, or null when it was stopped (or has not stopped). */
  public PermanentFault fault() {
    return fault;
  }

  /**
   * How many jobs to claim now: up to the idle slots plus the prefetch, once the prefetched jobs
   * are half used (so that claims come in batches, not one per finished step); none while rate
   * limited and no slot is idle.
   */
  private int wanted() {
    int busy = active.get();
    if (rateLimiter.isLimiting()) {
      return config.concurrency() - busy;
    }
    int ahead;
    if (batcher.savesFailing()) {
      // claim nothing ahead while results cannot be saved: what is claimed ahead would either wait
      // for its lease to lapse or run unsaved; the rate is relearnt from the steps that follow
      prefetch.forgetRate();
      ahead = 0;
    } else {
      ahead = prefetch.update(System.nanoTime());
    }
    int room = config.concurrency() + ahead - busy;
    return busy <= refillMark(ahead) ? room : 0;
  }

  private int refillMark(int ahead) {
    return config.concurrency() + ahead / 2 - 1;
  }

  /** The poll interval, or less when an adaptive prefetch will go stale before it. */
  private Duration untilNextLook() {
    long staleIn = prefetched.nanosUntilStale(System.nanoTime());
    return staleIn < 0
        ? config.pollInterval()
        : Duration.ofNanos(Math.min(staleIn, config.pollInterval().toNanos()));
  }

  /**
   * Hands back, unrun, the adaptive prefetches that waited {@link Prefetch#STALE_AFTER_NANOS} to
   * start: the steps ahead of them turned out long, and a job enqueued meanwhile with a higher
   * priority (or another worker with an idle slot) should have them first.
   */
  private void releaseStalePrefetch() {
    Set<UUID> stale = new HashSet<>();
    for (Claim claim : prefetched.takeStale(System.nanoTime())) {
      if (notStarted.remove(claim.claimId())) {
        stale.add(claim.claimId());
      }
    }
    if (stale.isEmpty()) {
      return;
    }
    prefetch.forgetRate();
    stale.forEach(this::leaveUnstarted);
    log.debug("{} prefetched job(s) waited too long to start; giving them back", stale.size());
  }

  /**
   * Gives the claims left unstarted back as READY, unrun and their attempt not counted (fenced by
   * the claim: one that lapsed and was taken meanwhile is left alone). A failure is the claim
   * loop's, and is retried after its backoff.
   */
  private void releaseAbandoned() throws SQLException {
    if (abandoned.isEmpty()) {
      return;
    }
    Set<UUID> ids = new HashSet<>(abandoned);
    int released = store.releaseUnstarted(ids);
    abandoned.removeAll(ids);
    log.debug("gave back {} job(s) left unstarted", released);
  }

  private void dispatch(Claim claim, long claimedAt) {
    inFlight.put(claim.claimId(), claim);
    notStarted.add(claim.claimId());
    active.incrementAndGet();
    if (rateLimiter.isLimiting()) {
      rateLimiter.dispatched();
    }
    slots.execute(() -> runSlot(claim, claimedAt));
  }

  private void runSlot(Claim claim, long claimedAt) {
    if (!notStarted.remove(claim.claimId())) {
      if (rateLimiter.isLimiting()) {
        rateLimiter.abandoned();
      }
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
    if (System.nanoTime() - vouchedFrom > config.lease().toNanos() * 2 / 3) {
      // no renewal has vouched for this claim for most of a lease (the database was unreachable):
      // it may have lapsed and be running elsewhere, so it is not started here
      abandonUnstarted(claim, "not started: its lease may have lapsed");
      return;
    }
    running.add(claim.claimId());
    slotThreads.put(claim.claimId(), Thread.currentThread());
    if (rateLimiter.isLimiting()) {
      // the gap counts from here, and the claim loop waits for this start to take its next turn
      rateLimiter.started();
      wakeUp.signal();
    }
    StepOutcome outcome = null;
    try {
      outcome = runner.run(claim);
    } catch (VirtualMachineError fatal) {
      // the run counts: a step that exhausts the heap on every run must reach the lost-run bound
      handBack(
          Set.of(claim.claimId()),
          "step " + (claim.stepIndex() + 1) + " hit " + fatal + " on worker " + config.workerId(),
          true);
      throw fatal;
    } catch (RuntimeException e) {
      log.error("slot failed on job {}; the job's lease will lapse", claim.id(), e);
    } finally {
      running.remove(claim.claimId());
      slotThreads.remove(claim.claimId());
      prefetch.stepFinished();
      int left = active.decrementAndGet();
      if (outcome == null || !batcher.add(new WorkerStore.Finished(claim, outcome), left == 0)) {
        inFlight.remove(claim.claimId());
        stepsRun.incrementAndGet();
      }
      if (left <= refillMark(prefetch.current())) {
        wakeUp.signal();
      }
    }
  }

  /**
   * A claim that will not start here: no longer held, and given back by {@link #releaseAbandoned}.
   */
  private void leaveUnstarted(UUID claimId) {
    abandoned.add(claimId);
    inFlight.remove(claimId);
    active.decrementAndGet();
  }

  private void abandonUnstarted(Claim claim, String why) {
    log.debug("job {}: {}; given back once the database answers", claim.id(), why);
    leaveUnstarted(claim.claimId());
    if (rateLimiter.isLimiting()) {
      rateLimiter.abandoned();
    }
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
      inFlight.remove(claim.claimId());
      stepsRun.incrementAndGet();
    }
    wakeUp.signal();
  }

  private void shutDown() {
    try {
      if (listener != null) {
        listener.stop();
      }
      handBackUnstarted();
      Set<UUID> held = new HashSet<>(inFlight.keySet());
      if (!held.isEmpty()) {
        try {
          int marked = store.markStopping(held);
          log.info(
              "worker {} stopping: {} job(s) in flight marked STOPPING", config.workerId(), marked);
        } catch (SQLException e) {
          log.warn("cannot mark in-flight jobs STOPPING", e);
        }
      }
      slots.shutdown();
      Set<UUID> exiting = handBackStepsCallingExit();
      if (!ExitingSteps.awaitOthers(slots, running, exiting, config.shutdownGrace())) {
        // finished steps stay with the batcher and are saved below; only running ones go back,
        // their runs counted: a step that always outlasts the grace period is a lost run too
        Set<UUID> late = new HashSet<>(running);
        late.removeAll(exiting);
        handBack(
            late,
            "worker "
                + config.workerId()
                + " stopped before the step finished (grace period "
                + config.shutdownGrace()
                + ")",
            true);
        slots.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handBack(new HashSet<>(running), "worker " + config.workerId() + " was interrupted", true);
      slots.shutdownNow();
    } finally {
      closeBatcher();
      leaseKeeper.stop();
      log.info("worker {} stopped after {} step(s)", config.workerId(), stepsRun.get());
    }
  }

  /** Prefetched jobs whose steps never started go straight back to READY. */
  private void handBackUnstarted() {
    Set<UUID> unstarted = new HashSet<>();
    for (UUID id : List.copyOf(notStarted)) {
      if (notStarted.remove(id)) {
        unstarted.add(id);
      }
    }
    if (unstarted.isEmpty()) {
      return;
    }
    handBack(unstarted, "worker " + config.workerId() + " stopped before the step started", false);
    for (UUID id : unstarted) {
      inFlight.remove(id);
      active.decrementAndGet();
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

  /**
   * Steps whose thread is inside {@code System.exit} (it waits there for the shutdown hooks, this
   * shutdown among them, and never returns): handed back at once with the run counted, so that a
   * job whose step exits its worker every time reaches the lost-run bound, and not waited for.
   *
   * @return their claims
   */
  private Set<UUID> handBackStepsCallingExit() {
    Set<UUID> exiting = ExitingSteps.in(slotThreads);
    if (!exiting.isEmpty()) {
      Claim claim = inFlight.get(exiting.iterator().next());
      stepExit =
          claim == null
              ? "a step called System.exit"
              : "step " + (claim.stepIndex() + 1) + " of job " + claim.id() + " called System.exit";
      log.error(
          "worker {}: {}; its run counts as lost, and the worker stops without a clean stop",
          config.workerId(),
          stepExit);
      handBack(exiting, stepExit + " on worker " + config.workerId(), true);
    }
    return exiting;
  }

  /** What ended this worker when a step called {@code System.exit}, or null. */
  public String stepExit() {
    return stepExit;
  }

  private void handBack(Set<UUID> claimIds, String reason, boolean runCounts) {
    if (claimIds.isEmpty()) {
      return;
    }
    try {
      List<UUID> ids = new ArrayList<>(store.handBack(claimIds, reason, runCounts));
      log.warn("handed back {} job(s) as READY: {} ({})", ids.size(), ids, reason);
    } catch (SQLException e) {
      log.warn("cannot hand back {} job(s); their leases will lapse", claimIds.size(), e);
    }
  }
}
