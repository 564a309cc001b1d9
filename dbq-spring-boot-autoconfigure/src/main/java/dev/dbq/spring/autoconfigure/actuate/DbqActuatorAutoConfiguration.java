package dev.dbq.spring.autoconfigure.actuate;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.spring.autoconfigure.DbqAutoConfiguration;
import dev.dbq.spring.autoconfigure.DbqProperties;
import dev.dbq.spring.autoconfigure.DbqWorkerLifecycle;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * dbq's actuator parts, each when the application has the module it needs: the {@code dbq} health
 * indicator ({@code spring-boot-health}; off with {@code management.health.dbq.enabled=false}) and
 * the {@code dbq} endpoint ({@code spring-boot-actuator-autoconfigure}; served once exposed), with
 * write operations only when {@code dbq.actuator.write-operations.enabled=true}.
 */
@AutoConfiguration(after = DbqAutoConfiguration.class)
@ConditionalOnClass(Dbq.class)
@ConditionalOnBean(Dbq.class)
public class DbqActuatorAutoConfiguration {
  /** For Spring. */
  public DbqActuatorAutoConfiguration() {}

  /** The health indicator, named {@code dbq} in {@code /actuator/health}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  @ConditionalOnEnabledHealthIndicator("dbq")
  static class Health {
    @Bean
    @ConditionalOnMissingBean(name = "dbqHealthIndicator")
    DbqHealthIndicator dbqHealthIndicator(Dbq dbq, DbqProperties properties) {
      return new DbqHealthIndicator(
          dbq,
          properties.isMigrate(),
          properties.getActuator().getHealth().getOldestWaitingThreshold());
    }
  }

  /** The endpoint, read-only unless write operations are enabled. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
  @ConditionalOnAvailableEndpoint(DbqEndpoint.class)
  static class Endpoints {
    @Bean
    @ConditionalOnMissingBean(DbqEndpoint.class)
    @ConditionalOnBooleanProperty(name = "dbq.actuator.write-operations.enabled")
    DbqWritableEndpoint dbqWritableEndpoint(
        Dbq dbq, ObjectProvider<DbqWorkerLifecycle> worker, JobCatalog catalog) {
      return new DbqWritableEndpoint(dbq, Optional.ofNullable(worker.getIfAvailable()), catalog);
    }

    @Bean
    @ConditionalOnMissingBean(DbqEndpoint.class)
    @ConditionalOnBooleanProperty(
        name = "dbq.actuator.write-operations.enabled",
        havingValue = false,
        matchIfMissing = true)
    DbqEndpoint dbqEndpoint(Dbq dbq, ObjectProvider<DbqWorkerLifecycle> worker) {
      return new DbqEndpoint(dbq, Optional.ofNullable(worker.getIfAvailable()));
    }
  }
}
