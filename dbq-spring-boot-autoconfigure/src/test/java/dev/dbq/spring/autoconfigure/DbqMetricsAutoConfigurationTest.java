package dev.dbq.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbq.micrometer.DbqMetrics;
import dev.dbq.spring.autoconfigure.jobs.Jobs;
import dev.dbq.spring.autoconfigure.metrics.DbqMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;

/** dbq's meters are wired when the application has a {@link MeterRegistry}, and only then. */
class DbqMetricsAutoConfigurationTest {
  @RegisterExtension static final TestDatabases databases = new TestDatabases();

  @Test
  void withARegistryTheEnqueuesAreCountedOnIt() {
    Runners.onDatabase(databases.create())
        .withConfiguration(AutoConfigurations.of(DbqMetricsAutoConfiguration.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              assertThat(context).hasSingleBean(DbqMetrics.class);
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              double before =
                  registry.get("dbq.jobs.enqueued").tag("job", "greet").counter().count();

              Jobs.greet().enqueue();

              assertThat(registry.get("dbq.jobs.enqueued").tag("job", "greet").counter().count())
                  .isEqualTo(before + 1);
            });
  }

  @Test
  void withoutARegistryThereAreNoMetrics() {
    Runners.onDatabase(databases.create())
        .withConfiguration(AutoConfigurations.of(DbqMetricsAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(DbqMetrics.class));
  }
}
