package dev.dbq.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/** A {@link DbqWorker}'s validated, immutable settings; see {@link DbqWorker.Builder}. */
record WorkerConfig(
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
    int vacuumEvery) {}
