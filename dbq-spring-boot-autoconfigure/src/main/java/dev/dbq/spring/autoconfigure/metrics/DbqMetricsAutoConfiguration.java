package dev.dbq.spring.autoconfigure.metrics;

import dev.dbq.micrometer.DbqMetrics;
import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.spring.autoconfigure.DbqAutoConfiguration;
import dev.dbq.spring.autoconfigure.DbqProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * dbq's Micrometer meters ({@code dbq-micrometer}'s {@link DbqMetrics}) on the application's {@link
 * MeterRegistry}, when the application has both: every job and step meter registered up front from
 * the catalog, in the job's default queue and the worker's queues. As a {@code DbqListener} bean
 * the metrics hear the {@code Dbq}'s enqueues and the worker's work.
 */
@AutoConfiguration(
    after = DbqAutoConfiguration.class,
    afterName =
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({DbqMetrics.class, MeterRegistry.class})
@ConditionalOnBean({Dbq.class, MeterRegistry.class})
public class DbqMetricsAutoConfiguration {
  /** For Spring. */
  public DbqMetricsAutoConfiguration() {}

  /**
   * The meters.
   *
   * @param registry the application's registry
   * @param catalog the jobs whose meters are registered up front
   * @param dbq the queue whose stats feed the queue gauges
   * @param properties the {@code dbq.*} properties, for the worker's queues
   * @return the metrics, a listener
   */
  @Bean
  @ConditionalOnMissingBean
  public DbqMetrics dbqMetrics(
      MeterRegistry registry, JobCatalog catalog, Dbq dbq, DbqProperties properties) {
    return DbqMetrics.builder(registry, catalog)
        .queues(properties.getWorker().getQueues().toArray(String[]::new))
        .queueStats(dbq)
        .build();
  }
}
