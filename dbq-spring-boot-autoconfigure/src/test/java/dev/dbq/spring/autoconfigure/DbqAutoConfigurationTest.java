package dev.dbq.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.InstanceFactory;
import dev.dbq.runtime.JobState;
import dev.dbq.spring.autoconfigure.jobs.Jobs;
import dev.dbq.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/** Each condition of the auto-configuration, against real PostgreSQL. */
class DbqAutoConfigurationTest {
  @RegisterExtension static final TestDatabases databases = new TestDatabases();

  @Test
  void withoutADataSourceDbqBacksOffAndTheApplicationStarts() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DbqAutoConfiguration.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(Dbq.class);
              assertThat(context).doesNotHaveBean(DbqWorkerLifecycle.class);
            });
  }

  @Test
  void aDbqOnTheApplicationsDataSourceIsMigratedAndIsTheDefaultWhileTheContextLives() {
    String url = databases.create();
    Runners.onDatabase(url)
        .run(
            context -> {
              Dbq dbq = context.getBean(Dbq.class);
              assertThat(dbq.dataSource()).isSameAs(context.getBean(DataSource.class));
              assertThat(Dbq.getDefault()).isSameAs(dbq);
              assertThat(dbq.missingMigrations()).isEmpty();
              assertThat(context.getBean(InstanceFactory.class))
                  .isInstanceOf(SpringInstanceFactory.class);

              UUID id = Jobs.greet().enqueue();

              assertThat(dbq.findJob(id)).isPresent();
            });
    assertThat(TestDatabases.hasTable(url, "dbq_job")).isTrue();
    assertThat(defaultIsSet()).as("closing the context cleared the default").isFalse();
  }

  @Test
  void dbqTransactionPoolingReachesTheDbqAndItsWorkerStillRunsJobs() {
    String url = databases.create();
    Runners.onDatabase(url)
        .withPropertyValues(
            "dbq.transaction-pooling=true",
            "dbq.worker.enabled=true",
            "dbq.worker.poll-interval=100ms")
        .run(
            context -> {
              Dbq dbq = context.getBean(Dbq.class);
              assertThat(dbq.isTransactionPooling()).isTrue();
              UUID id = Jobs.greet().enqueue();
              // the worker polls (it does not listen through a pooler): the job still completes
              Await.until(
                  "the greeting job completes",
                  () -> dbq.findJob(id).orElseThrow().state() == JobState.COMPLETE,
                  Duration.ofSeconds(30));
            });
    Runners.onDatabase(url)
        .run(context -> assertThat(context.getBean(Dbq.class).isTransactionPooling()).isFalse());
  }

  @Test
  void twoDataSourcesWithoutAChoiceFailTheStartNamingBothAndTheProperty() {
    String first = databases.create();
    String second = databases.create();
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DbqAutoConfiguration.class))
        .withBean("ordersDataSource", DataSource.class, () -> pool(first))
        .withBean("queueDataSource", DataSource.class, () -> pool(second))
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessage(
                      "the application has 2 DataSource beans [ordersDataSource, queueDataSource]"
                          + " and none is @Primary: set dbq.datasource to the name of the one dbq"
                          + " should use");
            });
  }

  @Test
  void dbqDatasourcePicksTheNamedOneOfTwoDataSources() {
    String orders = databases.create();
    String queue = databases.create();
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DbqAutoConfiguration.class))
        .withUserConfiguration(TwoDataSources.class)
        .withPropertyValues(
            "orders.url=" + orders, "queue.url=" + queue, "dbq.datasource=queueDataSource")
        .run(
            context -> {
              assertThat(context.getBean(Dbq.class).dataSource())
                  .isSameAs(context.getBean("queueDataSource"));
            });
    assertThat(TestDatabases.hasTable(queue, "dbq_job")).isTrue();
    assertThat(TestDatabases.hasTable(orders, "dbq_job"))
        .as("the primary DataSource is left alone")
        .isFalse();
  }

  @Test
  void aDbqDatasourceThatNamesNoBeanFailsTheStartListingTheDataSources() {
    String url = databases.create();
    Runners.onDatabase(url)
        .withPropertyValues("dbq.datasource=missing")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .hasStackTraceContaining(
                        "dbq.datasource is 'missing', but there is no DataSource bean of that name;"
                            + " the DataSource beans are [dataSource]"));
  }

  @Test
  void withTheWorkerDisabledThereIsNoWorker() {
    Runners.onDatabase(databases.create())
        .run(
            context -> {
              assertThat(context).hasSingleBean(Dbq.class);
              assertThat(context).doesNotHaveBean(DbqWorkerLifecycle.class);
            });
  }

  @Test
  void withMigrateOffTheSchemaIsLeftAlone() {
    String url = databases.create();
    Runners.onDatabase(url)
        .withPropertyValues("dbq.migrate=false")
        .run(context -> assertThat(context).hasSingleBean(Dbq.class));
    assertThat(TestDatabases.hasTable(url, "dbq_job")).isFalse();
  }

  @Test
  void withFlywayTheApplicationsMigrationsRunFirstThenDbqs() {
    String url = databases.create();
    Runners.onDatabase(url)
        .withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
        .withUserConfiguration(InitialisationOrder.class)
        .withPropertyValues("spring.flyway.locations=classpath:db/app")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              List<String> order = context.getBean(InitialisationOrder.class).beans;
              assertThat(order).contains("flywayInitializer", "dbq");
              assertThat(order.indexOf("flywayInitializer")).isLessThan(order.indexOf("dbq"));
            });
    assertThat(TestDatabases.hasTable(url, "app_order")).isTrue();
    assertThat(TestDatabases.hasTable(url, "dbq_job")).isTrue();
  }

  @Test
  void withLiquibaseTheApplicationsChangeLogRunsFirstThenDbqsMigrations() {
    String url = databases.create();
    Runners.onDatabase(url)
        .withConfiguration(AutoConfigurations.of(LiquibaseAutoConfiguration.class))
        .withUserConfiguration(InitialisationOrder.class)
        .withPropertyValues("spring.liquibase.change-log=classpath:db/liquibase/changelog.yaml")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              List<String> order = context.getBean(InitialisationOrder.class).beans;
              assertThat(order).contains("liquibase", "dbq");
              assertThat(order.indexOf("liquibase")).isLessThan(order.indexOf("dbq"));
            });
    assertThat(TestDatabases.hasTable(url, "app_invoice")).isTrue();
    assertThat(TestDatabases.hasTable(url, "dbq_job")).isTrue();
  }

  @Test
  void flywayCanApplyDbqsOwnScriptsWithDbqsMigrateOff() {
    String url = databases.create();
    Runners.onDatabase(url)
        .withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
        .withPropertyValues(
            "spring.flyway.locations=classpath:dev/dbq/runtime/migrations", "dbq.migrate=false")
        .run(
            context -> {
              UUID id = Jobs.greet().enqueue();
              assertThat(context.getBean(Dbq.class).findJob(id)).isPresent();
            });
    assertThat(TestDatabases.count(url, "SELECT count(*) FROM flyway_schema_history"))
        .isGreaterThanOrEqualTo(4);
  }

  @Test
  void underLazyInitialisationDbqIsStillMigratedAndTheDefault() {
    String url = databases.create();
    Runners.onDatabase(url)
        // what spring.main.lazy-initialization=true makes SpringApplication add
        .withInitializer(
            c -> c.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
        .run(context -> assertThat(defaultIsSet()).isTrue());
    assertThat(TestDatabases.hasTable(url, "dbq_job")).isTrue();
  }

  private static boolean defaultIsSet() {
    try {
      Dbq.getDefault();
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  static HikariDataSource pool(String url) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    pool.setMaximumPoolSize(3);
    return pool;
  }

  /** Two DataSources, the first @Primary: the application's own data, and the queue's. */
  @Configuration(proxyBeanMethods = false)
  static class TwoDataSources {
    @Bean(destroyMethod = "close")
    @Primary
    HikariDataSource ordersDataSource(Environment env) {
      return pool(env.getProperty("orders.url"));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource queueDataSource(Environment env) {
      return pool(env.getProperty("queue.url"));
    }
  }

  /** Records the order in which beans finish their initialisation. */
  static class InitialisationOrder implements BeanPostProcessor {
    final List<String> beans = new ArrayList<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
      beans.add(beanName);
      return bean;
    }
  }
}
