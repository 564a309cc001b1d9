package dev.dbq.bench;

import dev.dbq.micrometer.DbqMetrics;
import dev.dbq.runtime.DbqWorker;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The metrics workload's worker side: with {@code -Dbench.metrics=true} in a worker process, every
 * dbq worker it builds (the warm-up's too, so that the JIT compiles the listener's path) tells one
 * {@link DbqMetrics} on a {@link PrometheusMeterRegistry}, as {@code dbq worker --metrics-port}
 * does.
 */
final class BenchMetrics {
  static final String PROPERTY = "bench.metrics";

  private static DbqMetrics metrics;

  private BenchMetrics() {}

  static synchronized DbqWorker.Builder maybeWith(DbqWorker.Builder builder) {
    if (!Boolean.getBoolean(PROPERTY)) {
      return builder;
    }
    if (metrics == null) {
      metrics =
          DbqMetrics.builder(
                  new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), BenchJobs.CATALOG)
              .queues("default", "warmup")
              .build();
    }
    return builder.listener(metrics);
  }
}
