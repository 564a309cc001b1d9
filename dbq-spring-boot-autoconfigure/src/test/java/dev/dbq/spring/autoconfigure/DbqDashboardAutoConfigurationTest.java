package dev.dbq.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbq.dashboard.Dashboard;
import dev.dbq.runtime.Dbq;
import dev.dbq.spring.autoconfigure.dashboard.DbqDashboardAutoConfiguration;
import dev.dbq.spring.autoconfigure.jobs.Jobs;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

/**
 * The dashboard served by the application's own server under {@code /dbq}: its pages and JSON API
 * answer there, read-only unless {@code dbq.dashboard.allow-writes=true}; elsewhere with {@code
 * dbq.dashboard.path}; not at all when turned off or outside a servlet web application.
 */
class DbqDashboardAutoConfigurationTest {
  private static final String PAUSE = "/dbq/api/queues/greetings/pause";

  @RegisterExtension static final TestDatabases databases = new TestDatabases();

  @Test
  void theDashboardsApiAnswersWithJsonUnderDbqOnTheApplicationsOwnPort() {
    Runners.webOnDatabase(databases.create())
        .run(
            context -> {
              UUID id = Jobs.greet().enqueue();
              DashboardHttp http = new DashboardHttp(Runners.port(context));

              HttpResponse<String> jobs = http.get("/dbq/api/jobs?queue=greetings");

              assertThat(jobs.statusCode()).as(jobs.body()).isEqualTo(200);
              assertThat(jobs.headers().firstValue("Content-Type").orElseThrow())
                  .startsWith("application/json");
              JsonNode rows = DashboardHttp.json(jobs).get("jobs");
              assertThat(rows).hasSize(1);
              assertThat(rows.get(0).get("id").asText()).isEqualTo(id.toString());
              HttpResponse<String> overview = http.get("/dbq/api/overview");
              assertThat(DashboardHttp.json(overview).get("queues")).isNotEmpty();
              HttpResponse<String> page = http.get("/dbq/");
              assertThat(page.statusCode()).isEqualTo(200);
              assertThat(page.headers().firstValue("Content-Type").orElseThrow())
                  .startsWith("text/html");
              HttpResponse<String> bare = http.get("/dbq");
              assertThat(bare.statusCode()).isEqualTo(302);
              assertThat(bare.headers().firstValue("Location")).hasValue("/dbq/");
            });
  }

  @Test
  void aWriteActionIsRefusedWhileWritesAreOff() {
    Runners.webOnDatabase(databases.create())
        .run(
            context -> {
              DashboardHttp http = new DashboardHttp(Runners.port(context));

              HttpResponse<String> refused = http.post(PAUSE, "{}");

              assertThat(refused.statusCode()).isEqualTo(403);
              assertThat(DashboardHttp.json(refused).get("error").asText()).contains("read-only");
              assertThat(context.getBean(Dbq.class).queues().get("greetings").paused()).isFalse();
              assertThat(
                      DashboardHttp.json(http.get("/dbq/api/config")).get("writable").asBoolean())
                  .isFalse();
            });
  }

  @Test
  void withWritesAllowedAWriteActionRuns() {
    Runners.webOnDatabase(databases.create())
        .withPropertyValues("dbq.dashboard.allow-writes=true")
        .run(
            context -> {
              DashboardHttp http = new DashboardHttp(Runners.port(context));

              HttpResponse<String> paused = http.post(PAUSE, "{}");

              assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
              assertThat(context.getBean(Dbq.class).queues().get("greetings").paused()).isTrue();
            });
  }

  @Test
  void dbqDashboardPathServesItElsewhere() {
    Runners.webOnDatabase(databases.create())
        .withPropertyValues("dbq.dashboard.path=/ops/queue/")
        .run(
            context -> {
              DashboardHttp http = new DashboardHttp(Runners.port(context));

              assertThat(http.get("/ops/queue/api/overview").statusCode()).isEqualTo(200);
              assertThat(http.get("/ops/queue").headers().firstValue("Location"))
                  .hasValue("/ops/queue/");
              assertThat(http.get("/dbq/api/overview").statusCode()).isEqualTo(404);
            });
  }

  @Test
  void aPathThatIsNoPathStopsTheStartWithTheRule() {
    Runners.webOnDatabase(databases.create())
        .withPropertyValues("dbq.dashboard.path=/")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                        "dbq.dashboard.path must be a path below the root such as /dbq (a leading"
                            + " slash, no wildcard, '?', '#' or ';'), was '/'"));
  }

  @Test
  void dbqDashboardEnabledFalseServesNoDashboard() {
    Runners.webOnDatabase(databases.create())
        .withPropertyValues("dbq.dashboard.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(Dashboard.class);
              assertThat(context).doesNotHaveBean(ServletRegistrationBean.class);
              assertThat(
                      new DashboardHttp(Runners.port(context))
                          .get("/dbq/api/overview")
                          .statusCode())
                  .isEqualTo(404);
            });
  }

  @Test
  void outsideAServletWebApplicationThereIsNoDashboard() {
    Runners.onDatabase(databases.create())
        .withConfiguration(AutoConfigurations.of(DbqDashboardAutoConfiguration.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(Dashboard.class);
            });
  }
}
