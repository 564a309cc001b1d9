package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.InstanceFactory;
import dev.dbq.runtime.JobCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * A {@link DbqWorker}'s validated, immutable settings; see {@link DbqWorker.Builder}. {@code
 * prefetch} is {@link #ADAPTIVE_PREFETCH} unless the user fixed it.
 */
public record WorkerConfig(
    DataSource dataSource,
    JobCatalog catalog,
    List<String> queues,
    int concurrency,
    Duration rateLimit,
    Duration pollInterval,
    Duration lease,
    Duration shutdownGrace,
    RetryBackoff retryBackoff,
    InstanceFactory instanceFactory,
    Clock clock,
    String workerId,
    ListenerConnections listenerConnections,
    int prefetch,
    int completionBatchSize,
    Duration completionFlushDelay,
    int vacuumEvery,
    boolean recordHistory) {
  /** {@code prefetch} when it adapts to the steps' rate (see {@link Prefetch}). */
  public static final int ADAPTIVE_PREFETCH = -1;

  /** The claim-ahead policy these settings ask for. */
  Prefetch newPrefetch() {
    return prefetch == ADAPTIVE_PREFETCH
        ? Prefetch.adaptive(concurrency)
        : Prefetch.fixed(prefetch);
  }

  /** {@code DbqWorker.DEFAULT_RATE_LIMIT} in seconds, a constant for the command line's default. */
  public static final int DEFAULT_RATE_LIMIT_SECONDS = 0;

  /** {@code DbqWorker.DEFAULT_LEASE} in seconds, a constant for the command line's default. */
  public static final int DEFAULT_LEASE_SECONDS = 60;
}
