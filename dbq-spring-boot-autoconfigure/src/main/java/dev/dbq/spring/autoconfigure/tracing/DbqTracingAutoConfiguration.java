package dev.dbq.spring.autoconfigure.tracing;

import dev.dbq.opentelemetry.DbqTracing;
import dev.dbq.runtime.Dbq;
import dev.dbq.spring.autoconfigure.DbqAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * dbq's OpenTelemetry spans ({@code dbq-opentelemetry}'s {@link DbqTracing}) through the
 * application's {@link OpenTelemetry} bean, when it has both, unless {@code
 * dbq.tracing.enabled=false}: installed on the {@link Dbq} bean as its enqueue interceptor, so
 * every enqueue (in a Spring transaction too, the {@code Dbq} bean being the default) has a {@code
 * send} span; and, as a {@code DbqListener} bean, handed to the worker, whose every step run has a
 * {@code process} span linked to it.
 */
@AutoConfiguration(
    after = DbqAutoConfiguration.class,
    afterName =
        "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration")
@ConditionalOnClass({DbqTracing.class, OpenTelemetry.class})
@ConditionalOnBean({Dbq.class, OpenTelemetry.class})
@ConditionalOnBooleanProperty(name = "dbq.tracing.enabled", matchIfMissing = true)
public class DbqTracingAutoConfiguration {
  /** For Spring. */
  public DbqTracingAutoConfiguration() {}

  /**
   * The tracing, a listener the worker is given with the other {@code DbqListener} beans.
   *
   * @param openTelemetry the application's OpenTelemetry: its tracer and propagator
   * @return the tracing
   */
  @Bean
  @ConditionalOnMissingBean
  public DbqTracing dbqTracing(OpenTelemetry openTelemetry) {
    return DbqTracing.create(openTelemetry);
  }

  /**
   * Installs the tracing (the application's own {@link DbqTracing} bean, if it has one) on the
   * {@code Dbq}.
   *
   * @param dbq the queue whose enqueues are traced
   * @param tracing the tracing
   * @return the installation, which takes the tracing off again when the context closes
   */
  @Bean
  DbqTracingInstallation dbqTracingInstallation(Dbq dbq, DbqTracing tracing) {
    return new DbqTracingInstallation(dbq, tracing);
  }

  /**
   * Keeps the installation eager under {@code spring.main.lazy-initialization=true}: nothing asks
   * for it, so lazily enqueues would never be traced.
   *
   * @return the filter
   */
  @Bean
  static LazyInitializationExcludeFilter dbqTracingIsNeverLazy() {
    return LazyInitializationExcludeFilter.forBeanTypes(DbqTracingInstallation.class);
  }
}
