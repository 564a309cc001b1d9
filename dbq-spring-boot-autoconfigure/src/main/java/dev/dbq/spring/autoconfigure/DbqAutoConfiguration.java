package dev.dbq.spring.autoconfigure;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqListener;
import dev.dbq.runtime.InstanceFactory;
import dev.dbq.runtime.JobCatalog;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;

/**
 * dbq in a Spring Boot application: a {@link Dbq} on the application's DataSource whose enqueues
 * join the caller's Spring transaction, set as the process default (so {@code Jobs.x()...enqueue()}
 * needs no argument); its schema migrated at start-up, after Flyway and Liquibase; steps and hooks
 * run on the context's beans; and a worker in the context's lifecycle. Backs off when the
 * application has no DataSource, and each bean when the application defines its own of that type.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
      "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration"
    })
@ConditionalOnClass(Dbq.class)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(DbqProperties.class)
public class DbqAutoConfiguration {
  /** For Spring. */
  public DbqAutoConfiguration() {}

  /**
   * The instances steps and hooks run on: the context's bean of the {@code @Job} class when it has
   * one, else a new instance per call.
   *
   * @param beans the context's beans
   * @return the factory
   */
  @Bean
  @ConditionalOnMissingBean
  public InstanceFactory dbqInstanceFactory(ListableBeanFactory beans) {
    return new SpringInstanceFactory(beans);
  }

  /**
   * Every job of every generated catalog on the application's class path.
   *
   * @param beans the context's beans, for their class loader
   * @return the merged catalog
   */
  @Bean
  @ConditionalOnMissingBean
  public JobCatalog dbqJobCatalog(ListableBeanFactory beans) {
    ClassLoader loader =
        beans instanceof ConfigurableBeanFactory c
            ? c.getBeanClassLoader()
            : DbqAutoConfiguration.class.getClassLoader();
    return JobCatalog.loadAll(loader);
  }

  /**
   * The queue on the chosen DataSource, migrated unless {@code dbq.migrate=false}, and the process
   * default until the context closes. Created after the database initialisers (Flyway, Liquibase,
   * {@code spring.sql.init}), so dbq's migrations run after the application's.
   *
   * @param beans the context's beans, to choose the DataSource from
   * @param instances where creation hooks get their instances
   * @param properties the {@code dbq.*} properties
   * @return the queue; closing it leaves the DataSource open
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @DependsOnDatabaseInitialization
  public Dbq dbq(ListableBeanFactory beans, InstanceFactory instances, DbqProperties properties) {
    DataSource dataSource = DbqDataSources.choose(beans, properties.getDatasource());
    Dbq dbq =
        Dbq.builder(dataSource)
            .transactionConnections(new SpringTransactionConnections(dataSource))
            .instanceFactory(instances)
            .transactionPooling(properties.isTransactionPooling())
            .build();
    if (properties.isMigrate()) {
      dbq.migrate();
    }
    Dbq.setDefault(dbq);
    return dbq;
  }

  /**
   * Adds the {@link DbqListener} beans to the {@link Dbq}.
   *
   * @param dbq the queue
   * @param listeners the listener beans, looked up once every singleton exists
   * @return the registration
   */
  @Bean
  DbqListenerRegistration dbqListenerRegistration(Dbq dbq, ObjectProvider<DbqListener> listeners) {
    return new DbqListenerRegistration(dbq, listeners);
  }

  /**
   * The worker, unless {@code dbq.worker.enabled=false}.
   *
   * @param dbq the queue
   * @param catalog the jobs it runs
   * @param instances where steps and hooks get their instances
   * @param listeners the {@link DbqListener} beans, told of the worker's work
   * @param properties the {@code dbq.*} properties
   * @return the worker's lifecycle
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty(name = "dbq.worker.enabled", matchIfMissing = true)
  public DbqWorkerLifecycle dbqWorker(
      Dbq dbq,
      JobCatalog catalog,
      InstanceFactory instances,
      ObjectProvider<DbqListener> listeners,
      DbqProperties properties) {
    return new DbqWorkerLifecycle(
        dbq, catalog, instances, listeners.orderedStream().toList(), properties.getWorker());
  }

  /**
   * Keeps dbq eager under {@code spring.main.lazy-initialization=true}: lazily, the schema would be
   * migrated and the default {@code Dbq} set only when a bean first asked for it, and the worker,
   * which nothing asks for, would never start.
   *
   * @return the filter
   */
  @Bean
  static LazyInitializationExcludeFilter dbqIsNeverLazy() {
    return LazyInitializationExcludeFilter.forBeanTypes(
        Dbq.class, DbqWorkerLifecycle.class, DbqListenerRegistration.class);
  }
}
