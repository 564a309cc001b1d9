package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.InstanceFactory;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.internal.NamingRules;
import dev.dbq.runtime.internal.TimeLimits;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * What a {@link DbqWorker.Builder} was told, checked and sealed: every setting but the database, so
 * that the command line can refuse bad input before it connects. The constructor checks each
 * setting once, in this order, against the limits {@link DbqWorker} documents, and throws an {@link
 * IllegalArgumentException} that names the setting, the rule and the bad value; then it fills in
 * the defaults that cost something to find (the catalogs on the class path, the host name).
 *
 * @param catalog the jobs to run; null for every catalog on the class path
 * @param queues the queues to serve, duplicates counted once
 * @param workerId what the worker writes into {@code lock_owner}; null for pid@host plus a random
 *     suffix
 * @param fixedPrefetch the jobs claimed ahead of the idle slots, or empty for the adaptive prefetch
 * @param retryBackoff the wait after a step's first failed attempt (see {@link #retryPolicy()})
 * @param stepTimeout the timeout of a step that has none of its own; null for none
 */
public record WorkerSettings(
    JobCatalog catalog,
    List<String> queues,
    int concurrency,
    Duration rateLimit,
    Duration pollInterval,
    Duration lease,
    Duration shutdownGrace,
    Duration retryBackoff,
    InstanceFactory instanceFactory,
    Clock clock,
    String workerId,
    OptionalInt fixedPrefetch,
    int completionBatchSize,
    Duration completionFlushDelay,
    int vacuumEvery,
    Duration stepTimeout) {

  /** {@code DbqWorker.DEFAULT_RATE_LIMIT} in seconds, a constant for the command line's default. */
  public static final int DEFAULT_RATE_LIMIT_SECONDS = 0;

  /** {@code DbqWorker.DEFAULT_LEASE} in seconds, a constant for the command line's default. */
  public static final int DEFAULT_LEASE_SECONDS = 60;

  /** Checks every setting; see the class comment. */
  public WorkerSettings {
    checkQueues(queues);
    checkConcurrency(concurrency);
    checkPrefetch(fixedPrefetch);
    checkCompletionBatch(completionBatchSize, completionFlushDelay);
    if (vacuumEvery != 0 && vacuumEvery < 1000) {
      throw new IllegalArgumentException(
          "vacuumEvery must be 0 or at least 1000, was " + vacuumEvery);
    }
    checkRateLimit(rateLimit);
    checkPositive("pollInterval", pollInterval);
    // the waits are timed in nanoseconds (292 years at most): a day is far enough
    checkAtMost("pollInterval", pollInterval, DbqWorker.MAX_WAIT);
    checkLease(lease);
    checkNotNegative("shutdownGrace", shutdownGrace);
    checkAtMost("shutdownGrace", shutdownGrace, DbqWorker.MAX_WAIT);
    checkPositive("retryBackoff", retryBackoff);
    checkAtMost("retryBackoff", retryBackoff, DbqWorker.MAX_WAIT);
    if (stepTimeout != null) {
      TimeLimits.checkTimeout("stepTimeout", stepTimeout);
    }
    if (workerId != null && workerId.isBlank()) {
      throw new IllegalArgumentException("workerId must not be blank");
    }
    catalog = catalog != null ? catalog : JobCatalog.loadAll();
    if (catalog.jobs().isEmpty()) {
      throw new IllegalArgumentException(
          "the catalog has no jobs: is a generated catalog registered in"
              + " META-INF/services/dev.dbq.runtime.JobCatalog on the class path?");
    }
    queues = List.copyOf(new LinkedHashSet<>(queues));
    workerId = workerId != null ? workerId : defaultWorkerId();
  }

  /**
   * The backoff of failed steps: doubling from {@link #retryBackoff} up to {@link
   * DbqWorker#MAX_RETRY_BACKOFF}, or never above a first wait that is longer already.
   */
  public RetryBackoff retryPolicy() {
    return new RetryBackoff(
        retryBackoff,
        DbqWorker.MAX_RETRY_BACKOFF.compareTo(retryBackoff) < 0
            ? retryBackoff
            : DbqWorker.MAX_RETRY_BACKOFF);
  }

  /** The claim-ahead policy these settings ask for. */
  Prefetch newPrefetch() {
    return fixedPrefetch.isPresent()
        ? Prefetch.fixed(fixedPrefetch.getAsInt())
        : Prefetch.adaptive(concurrency);
  }

  private static void checkQueues(List<String> queues) {
    if (queues.isEmpty()) {
      throw new IllegalArgumentException("queues must name at least one queue");
    }
    for (String queue : queues) {
      NamingRules.checkQueueName(queue);
    }
  }

  private static void checkConcurrency(int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
    }
    if (concurrency > DbqWorker.MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "concurrency must be at most " + DbqWorker.MAX_CONCURRENCY + ", was " + concurrency);
    }
  }

  private static void checkPrefetch(OptionalInt fixedPrefetch) {
    if (fixedPrefetch.isPresent()
        && (fixedPrefetch.getAsInt() < 0 || fixedPrefetch.getAsInt() > DbqWorker.MAX_PREFETCH)) {
      throw new IllegalArgumentException(
          "prefetch must be between 0 and "
              + DbqWorker.MAX_PREFETCH
              + ", was "
              + fixedPrefetch.getAsInt());
    }
  }

  private static void checkCompletionBatch(int size, Duration flushDelay) {
    if (size < 1 || size > DbqWorker.MAX_COMPLETION_BATCH_SIZE) {
      throw new IllegalArgumentException(
          "completion batch size must be between 1 and "
              + DbqWorker.MAX_COMPLETION_BATCH_SIZE
              + ", was "
              + size);
    }
    if (flushDelay.isNegative() || flushDelay.compareTo(DbqWorker.MAX_COMPLETION_FLUSH_DELAY) > 0) {
      throw new IllegalArgumentException(
          "completion flush delay must be between 0 and "
              + DbqWorker.MAX_COMPLETION_FLUSH_DELAY
              + ", was "
              + flushDelay);
    }
  }

  private static void checkRateLimit(Duration rateLimit) {
    checkNotNegative("rateLimit", rateLimit);
    checkAtMost("rateLimit", rateLimit, DbqWorker.MAX_RATE_LIMIT);
  }

  private static void checkLease(Duration lease) {
    if (lease.compareTo(DbqWorker.MIN_LEASE) < 0) {
      throw new IllegalArgumentException(
          "lease must be at least " + DbqWorker.MIN_LEASE + ", was " + lease);
    }
    checkAtMost("lease", lease, DbqWorker.MAX_LEASE);
  }

  private static void checkPositive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  private static void checkNotNegative(String name, Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
  }

  private static void checkAtMost(String name, Duration value, Duration max) {
    if (value.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be at most " + max + ", was " + value);
    }
  }

  private static String defaultWorkerId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "localhost";
    }
    return ProcessHandle.current().pid()
        + "@"
        + host
        + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }
}
