package dev.dbq.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbq.spring.autoconfigure.jobs.Jobs;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code Jobs.x().enqueue()} inside a Spring transaction uses the transaction's connection: the job
 * exists exactly when the method's own data commits; outside one it commits at once.
 */
class TransactionalEnqueueTest {
  @RegisterExtension static final TestDatabases databases = new TestDatabases();
  private static String url;

  @BeforeAll
  static void database() {
    url = databases.create();
    TestDatabases.execute(url, "CREATE TABLE shop_order (id uuid PRIMARY KEY, job uuid NOT NULL)");
  }

  private static ApplicationContextRunner application() {
    return Runners.onDatabase(url).withUserConfiguration(OrderService.class);
  }

  /** An application service: stores an order and enqueues its job in one transaction. */
  @Configuration(proxyBeanMethods = true)
  static class OrderService {
    @Bean
    Orders orders(JdbcTemplate jdbc) {
      return new Orders(jdbc);
    }
  }

  /** The service's bean, proxied by {@code @Transactional}. */
  static class Orders {
    private final JdbcTemplate jdbc;

    Orders(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    /** Stores an order and its job; {@code fail} throws after both were written. */
    @Transactional
    public UUID place(UUID order, boolean fail) {
      UUID job = Jobs.greet().enqueue();
      jdbc.update("INSERT INTO shop_order (id, job) VALUES (?, ?)", order, job);
      if (fail) {
        throw new IllegalStateException("payment declined");
      }
      return job;
    }
  }

  private static long orders(UUID order) {
    return TestDatabases.count(url, "SELECT count(*) FROM shop_order WHERE id = '" + order + "'");
  }

  private static long jobs(UUID job) {
    return TestDatabases.count(url, "SELECT count(*) FROM dbq_job WHERE id = '" + job + "'");
  }

  @Test
  void aTransactionalMethodThatCommitsCommitsItsJobWithItsData() {
    application()
        .run(
            context -> {
              UUID order = UUID.randomUUID();

              UUID job = context.getBean(Orders.class).place(order, false);

              assertThat(orders(order)).isEqualTo(1);
              assertThat(jobs(job)).isEqualTo(1);
            });
  }

  @Test
  void aTransactionalMethodThatRollsBackLeavesNoJob() {
    application()
        .run(
            context -> {
              UUID order = UUID.randomUUID();
              long jobsBefore = TestDatabases.count(url, "SELECT count(*) FROM dbq_job");

              assertThatThrownBy(() -> context.getBean(Orders.class).place(order, true))
                  .hasMessage("payment declined");

              assertThat(orders(order)).isZero();
              assertThat(TestDatabases.count(url, "SELECT count(*) FROM dbq_job"))
                  .as("the job was rolled back with the order")
                  .isEqualTo(jobsBefore);
            });
  }

  @Test
  void insideTheTransactionTheJobIsInvisibleToOthersUntilTheCommit() {
    application()
        .run(
            context -> {
              TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
              UUID job =
                  transaction.execute(
                      status -> {
                        UUID id = Jobs.greet().enqueue();
                        assertThat(jobs(id)).as("seen from another connection").isZero();
                        return id;
                      });

              assertThat(jobs(job)).isEqualTo(1);
            });
  }

  @Test
  void outsideATransactionTheEnqueueCommitsAtOnce() {
    application()
        .run(
            context -> {
              UUID job = Jobs.greet().enqueue();

              assertThat(jobs(job)).isEqualTo(1);
            });
  }
}
