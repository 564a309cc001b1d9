package dev.dbq.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.JobState;
import dev.dbq.spring.autoconfigure.actuate.DbqActuatorAutoConfiguration;
import dev.dbq.spring.autoconfigure.actuate.DbqEndpoint;
import dev.dbq.spring.autoconfigure.actuate.DbqHealthIndicator;
import dev.dbq.spring.autoconfigure.actuate.DbqWritableEndpoint;
import dev.dbq.spring.autoconfigure.jobs.Jobs;
import dev.dbq.testsupport.Await;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The health indicator and the {@code dbq} endpoint, on a real database. */
class DbqActuatorTest {
  @RegisterExtension static final TestDatabases databases = new TestDatabases();

  private static ApplicationContextRunner application(String url) {
    return Runners.onDatabase(url)
        .withConfiguration(AutoConfigurations.of(DbqActuatorAutoConfiguration.class))
        .withPropertyValues("management.endpoints.web.exposure.include=dbq");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> detail(Health health, String key) {
    return (Map<String, Object>) health.getDetails().get(key);
  }

  @Test
  @SuppressWarnings("unchecked")
  void healthIsUpWithEachQueuesJobsOnAMigratedDatabase() {
    application(databases.create())
        .run(
            context -> {
              Jobs.greet().enqueue();

              Health health = context.getBean(DbqHealthIndicator.class).health(true);

              assertThat(health.getStatus()).isEqualTo(Status.UP);
              assertThat(detail(health, "queues")).containsKey("greetings");
              assertThat((Map<String, Object>) detail(health, "queues").get("greetings"))
                  .containsEntry("runnable", 1L)
                  .containsEntry("held", 0L);
            });
  }

  @Test
  void healthIsDownWhenTheOldestRunnableJobWaitedPastTheThreshold() {
    application(databases.create())
        .withPropertyValues("dbq.actuator.health.oldest-waiting-threshold=0s")
        .run(
            context -> {
              DbqHealthIndicator indicator = context.getBean(DbqHealthIndicator.class);
              assertThat(indicator.health(true).getStatus())
                  .as("no job waits yet")
                  .isEqualTo(Status.UP);

              Jobs.greet().enqueue();

              Await.until(
                  "the waiting job to make the health DOWN",
                  () -> indicator.health(true).getStatus().equals(Status.DOWN),
                  Duration.ofSeconds(10));
              assertThat(indicator.health(true).getDetails().get("reason"))
                  .isEqualTo("the oldest runnable job of [greetings] has waited longer than PT0S");
            });
  }

  @Test
  void healthIsDownWhenTheSchemaLacksAMigrationDbqApplies() {
    String url = databases.create();
    application(url)
        .run(
            context -> {
              TestDatabases.execute(url, "DELETE FROM dbq_schema_version WHERE version = 4");

              Health health = context.getBean(DbqHealthIndicator.class).health(true);

              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.getDetails().get("missingMigrations"))
                  .isEqualTo(java.util.List.of("V4__recurring_jobs.sql"));
            });
  }

  @Test
  void healthIsDownWithTheErrorWhenTheTablesAreMissing() {
    application(databases.create())
        .withPropertyValues("dbq.migrate=false")
        .run(
            context -> {
              Health health = context.getBean(DbqHealthIndicator.class).health(true);

              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(String.valueOf(health.getDetails().get("error"))).contains("dbq_job");
            });
  }

  @Test
  @SuppressWarnings("unchecked")
  void theEndpointShowsEachQueuesJobsByStateAndTheWorker() {
    application(databases.create())
        .withPropertyValues("dbq.worker.enabled=true", "dbq.worker.queues=elsewhere")
        .run(
            context -> {
              Jobs.greet().enqueue();
              DbqEndpoint endpoint = context.getBean(DbqEndpoint.class);
              assertThat(endpoint).isNotInstanceOf(DbqWritableEndpoint.class);

              Map<String, Object> body = endpoint.dbq();

              Map<String, Object> greetings =
                  (Map<String, Object>) ((Map<String, Object>) body.get("queues")).get("greetings");
              assertThat((Map<String, Long>) greetings.get("jobs")).containsEntry("NEW", 1L);
              assertThat(greetings).containsEntry("paused", false);
              Map<String, Object> worker = (Map<String, Object>) body.get("worker");
              assertThat(worker).containsEntry("running", true);
              assertThat(worker.get("queues")).isEqualTo(java.util.List.of("elsewhere"));
              assertThat(body).containsEntry("writeOperations", false);
            });
  }

  @Test
  void writeOperationsPauseResumeAndRetryFailedJobsOnceEnabled() {
    String url = databases.create();
    application(url)
        .withPropertyValues("dbq.actuator.write-operations.enabled=true")
        .run(
            context -> {
              DbqWritableEndpoint endpoint = context.getBean(DbqWritableEndpoint.class);
              Dbq dbq = context.getBean(Dbq.class);

              endpoint.act("pause", "greetings");
              assertThat(dbq.queues().get("greetings").paused()).isTrue();
              endpoint.act("resume", "greetings");
              assertThat(dbq.queues().get("greetings").paused()).isFalse();

              UUID failed = Jobs.greet().enqueue();
              TestDatabases.execute(
                  url, "UPDATE dbq_job SET state = 'FAILED' WHERE id = '" + failed + "'");
              Map<String, Object> retried = endpoint.act("retry-failed", null);
              assertThat(retried).containsEntry("retried", 1);
              assertThat(dbq.findJob(failed).orElseThrow().state()).isEqualTo(JobState.READY);

              assertThatThrownBy(() -> endpoint.act("pause", null))
                  .isInstanceOf(InvalidEndpointRequestException.class)
                  .hasMessage("pause needs a queue: {\"queue\": \"name\"}");
              assertThatThrownBy(() -> endpoint.act("drop", "greetings"))
                  .isInstanceOf(InvalidEndpointRequestException.class)
                  .hasMessage("action must be pause, resume or retry-failed, was 'drop'");
            });
  }

  @Test
  void theHealthIndicatorCanBeTurnedOff() {
    application(databases.create())
        .withPropertyValues("management.health.dbq.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(DbqHealthIndicator.class));
  }
}
