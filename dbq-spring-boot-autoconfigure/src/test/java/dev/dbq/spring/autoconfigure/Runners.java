package dev.dbq.spring.autoconfigure;

import dev.dbq.spring.autoconfigure.jobs.GreetingJob;
import dev.dbq.spring.autoconfigure.jobs.Greetings;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The application the tests start: Spring Boot's JDBC and transactions, and dbq's starter. */
final class Runners {
  private Runners() {}

  /** An application on the database at {@code url}, its worker off unless a test turns it on. */
  static ApplicationContextRunner onDatabase(String url) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class,
                DataSourceTransactionManagerAutoConfiguration.class,
                TransactionAutoConfiguration.class,
                JdbcTemplateAutoConfiguration.class,
                DbqAutoConfiguration.class))
        .withUserConfiguration(GreetingBeans.class)
        .withPropertyValues(
            "spring.datasource.url=" + url,
            "spring.datasource.hikari.maximum-pool-size=5",
            "dbq.worker.enabled=false",
            "dbq.worker.queues=greetings");
  }

  /** The greeting job as a bean, and the bean it has injected. */
  @Configuration(proxyBeanMethods = false)
  @Import(GreetingJob.class)
  static class GreetingBeans {
    @Bean
    Greetings greetings() {
      return new Greetings("hello from a bean");
    }
  }
}
