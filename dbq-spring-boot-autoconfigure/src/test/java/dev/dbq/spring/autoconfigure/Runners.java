package dev.dbq.spring.autoconfigure;

import dev.dbq.spring.autoconfigure.dashboard.DbqDashboardAutoConfiguration;
import dev.dbq.spring.autoconfigure.jobs.GreetingJob;
import dev.dbq.spring.autoconfigure.jobs.Greetings;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The application the tests start: Spring Boot's JDBC and transactions, and dbq's starter. */
final class Runners {
  private static final AutoConfigurations APPLICATION =
      AutoConfigurations.of(
          DataSourceAutoConfiguration.class,
          DataSourceTransactionManagerAutoConfiguration.class,
          TransactionAutoConfiguration.class,
          JdbcTemplateAutoConfiguration.class,
          DbqAutoConfiguration.class);

  private Runners() {}

  private static String[] properties(String url) {
    return new String[] {
      "spring.datasource.url=" + url,
      "spring.datasource.hikari.maximum-pool-size=5",
      "dbq.worker.enabled=false",
      "dbq.worker.queues=greetings"
    };
  }

  /** An application on the database at {@code url}, its worker off unless a test turns it on. */
  static ApplicationContextRunner onDatabase(String url) {
    return new ApplicationContextRunner()
        .withConfiguration(APPLICATION)
        .withUserConfiguration(GreetingBeans.class)
        .withPropertyValues(properties(url));
  }

  /**
   * The same as a servlet web application with the dashboard's auto-configuration, served by a real
   * Tomcat on a free port ({@link #port}).
   */
  static WebApplicationContextRunner webOnDatabase(String url) {
    return new WebApplicationContextRunner(AnnotationConfigServletWebServerApplicationContext::new)
        .withConfiguration(APPLICATION)
        .withConfiguration(
            AutoConfigurations.of(
                TomcatServletWebServerAutoConfiguration.class, DbqDashboardAutoConfiguration.class))
        .withUserConfiguration(GreetingBeans.class)
        .withPropertyValues(properties(url))
        .withPropertyValues("server.port=0");
  }

  /** The port a {@link #webOnDatabase} application's server listens on. */
  static int port(AssertableWebApplicationContext context) {
    return ((WebServerApplicationContext) context.getSourceApplicationContext())
        .getWebServer()
        .getPort();
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
