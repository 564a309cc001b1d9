package dev.dbq.runtime;

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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's engine. One supervisor thread claims jobs for idle slots and, when told to stop,
 * runs the shutdown sequence; {@code concurrency} slot threads each run one claimed step and save
 * it. Claim, release the connection, run, then save: no connection is held while a step runs.
 */
final class ClaimLoop {
  private static final Logger log = LoggerFactory.getLogger(ClaimLoop.class);
  private static final long MIN_ERROR_BACKOFF_MILLIS = 100;
  private static final long MAX_ERROR_BACKOFF_MILLIS = 30_000;

  private final WorkerConfig config;
  private final boolean exitWhenEmpty;
  private final WorkerStore store;
  private final StepRunner runner;
  private final WakeUp wakeUp = new WakeUp();
  private final RateLimiter rateLimiter;
  private final WakeUpListener listener;
  private final LeaseKeeper leaseKeeper;
  private final List<String> names;
  private final Map<UUID, Claim> inFlight = new ConcurrentHashMap<>();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final AtomicLong stepsRun = new AtomicLong();
  private final AtomicInteger slotNumber = new AtomicInteger();
  private final ExecutorService slots;
  private volatile boolean stopping;

  ClaimLoop(WorkerConfig config, boolean exitWhenEmpty) {
    this.config = config;
    this.exitWhenEmpty = exitWhenEmpty;
    this.store = new WorkerStore(config.dataSource(), config.workerId(), config.lease());
    this.runner = new StepRunner(config.catalog(), config.instanceFactory(), config.retryBackoff());
    this.rateLimiter = new RateLimiter(config.clock(), config.rateLimit());
    this.listener =
        exitWhenEmpty
            ? null
            : new WakeUpListener(config.listenerConnections(), Set.copyOf(config.queues()), wakeUp);
    this.leaseKeeper =
        new LeaseKeeper(store, () -> Set.copyOf(inFlight.keySet()), config.lease(), wakeUp::signal);
    this.names = config.catalog().jobs().stream().map(JobDefinition::name).toList();
    this.slots =
        Executors.newFixedThreadPool(
            config.concurrency(),
            r ->
                new Thread(
                    r,
                    "dbq-worker-" + config.workerId() + "-slot-" + slotNumber.incrementAndGet()));
  }

  void start() {
    String prefix = "dbq-worker-" + config.workerId();
    if (listener != null) {
      listener.start(prefix + "-listener");
    }
    leaseKeeper.start(prefix + "-lease");
    Thread supervisor = new Thread(this::supervise, prefix + "-claim");
    supervisor.start();
    log.info(
        "worker {} started: queues {}, concurrency {}, jobs {}",
        config.workerId(),
        config.queues(),
        config.concurrency(),
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

  private void supervise() {
    try {
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
    long errorBackoff = MIN_ERROR_BACKOFF_MILLIS;
    while (!stopping) {
      try {
        int idle = config.concurrency() - inFlight.size();
        if (idle <= 0) {
          wakeUp.await(config.pollInterval());
          continue;
        }
        if (rateLimiter.isLimiting()) {
          if (!rateLimiter.awaitTurn(wakeUp, () -> !stopping)) {
            continue;
          }
          idle = 1;
        }
        List<Claim> claims = store.claim(config.queues(), names, idle);
        errorBackoff = MIN_ERROR_BACKOFF_MILLIS;
        for (Claim claim : claims) {
          dispatch(claim);
        }
        if (!claims.isEmpty()) {
          continue;
        }
        if (exitWhenEmpty && inFlight.isEmpty()) {
          log.info("worker {}: nothing runnable is left; stopping", config.workerId());
          break;
        }
        wakeUp.await(config.pollInterval());
      } catch (InterruptedException e) {
        log.warn("claim loop interrupted; stopping");
        Thread.currentThread().interrupt();
        break;
      } catch (Exception e) {
        log.warn("claiming failed; trying again in {} ms", errorBackoff, e);
        try {
          wakeUp.awaitMillis(errorBackoff);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
        errorBackoff = Math.min(errorBackoff * 2, MAX_ERROR_BACKOFF_MILLIS);
      }
    }
  }

  private void dispatch(Claim claim) {
    inFlight.put(claim.claimId(), claim);
    if (rateLimiter.isLimiting()) {
      rateLimiter.started();
    }
    slots.execute(() -> runSlot(claim));
  }

  private void runSlot(Claim claim) {
    try {
      StepOutcome outcome;
      try {
        outcome = runner.run(claim);
      } catch (VirtualMachineError fatal) {
        handBack(Set.of(claim.claimId()), "worker " + config.workerId() + " hit " + fatal);
        throw fatal;
      }
      saveWithRetry(claim, outcome);
    } catch (RuntimeException e) {
      log.error("slot failed on job {}; the job's lease will lapse", claim.id(), e);
    } finally {
      inFlight.remove(claim.claimId());
      stepsRun.incrementAndGet();
      wakeUp.signal();
    }
  }

  private void saveWithRetry(Claim claim, StepOutcome outcome) {
    long backoff = MIN_ERROR_BACKOFF_MILLIS;
    while (true) {
      try {
        if (!store.save(claim, outcome)) {
          log.warn(
              "job {} was taken from this worker (lease lapsed or handed back); result of step {}"
                  + " dropped",
              claim.id(),
              claim.stepIndex());
        }
        return;
      } catch (SQLException e) {
        if (isTerminated()) {
          return;
        }
        if (UnsavableResult.isRefusedData(e)) {
          // the database will refuse this result every time: fail the job instead of retrying
          // (and renewing its lease) forever
          StepOutcome instead = UnsavableResult.replacement(claim, outcome, e);
          if (instead == null) {
            return;
          }
          outcome = instead;
          continue;
        }
        log.warn("saving job {} failed; trying again in {} ms", claim.id(), backoff, e);
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException ie) {
          // the grace period ended: the job was handed back, this result is dropped
          Thread.currentThread().interrupt();
          return;
        }
        backoff = Math.min(backoff * 2, MAX_ERROR_BACKOFF_MILLIS);
      }
    }
  }

  private void shutDown() {
    try {
      if (listener != null) {
        listener.stop();
      }
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
      if (!slots.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        handBack(
            new HashSet<>(inFlight.keySet()),
            "worker "
                + config.workerId()
                + " stopped before the step finished (grace period "
                + config.shutdownGrace()
                + ")");
        slots.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handBack(
          new HashSet<>(inFlight.keySet()), "worker " + config.workerId() + " was interrupted");
      slots.shutdownNow();
    } finally {
      leaseKeeper.stop();
      log.info("worker {} stopped after {} step(s)", config.workerId(), stepsRun.get());
    }
  }

  private void handBack(Set<UUID> claimIds, String reason) {
    if (claimIds.isEmpty()) {
      return;
    }
    try {
      List<UUID> ids = new ArrayList<>(store.handBack(claimIds, reason));
      log.warn("handed back {} job(s) as READY: {} ({})", ids.size(), ids, reason);
    } catch (SQLException e) {
      log.warn("cannot hand back {} job(s); their leases will lapse", claimIds.size(), e);
    }
  }
}
