package dev.dbq.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.config.Customizer.withDefaults;

import dev.dbq.dashboard.DashboardAction;
import dev.dbq.dashboard.DashboardAuthorizer;
import dev.dbq.dashboard.DashboardRequest;
import dev.dbq.runtime.Dbq;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The dashboard behind the application's Spring Security, as the README configures it: the
 * application's rules for {@code /dbq/**} decide who gets in, its authenticated user reaches the
 * {@link DashboardAuthorizer} bean, and the dashboard's own cross-site check still holds where
 * Spring Security's CSRF token is not asked for.
 */
class DbqDashboardSecurityTest {
  private static final String PAUSE = "/dbq/api/queues/greetings/pause";

  @RegisterExtension static final TestDatabases databases = new TestDatabases();

  /** The application's security: operators may use the dashboard, over HTTP Basic. */
  @Configuration(proxyBeanMethods = false)
  static class Security {
    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
      return rules(http)
          // the dashboard refuses cross-site actions itself (Sec-Fetch-Site, Origin, JSON only)
          .csrf(csrf -> csrf.ignoringRequestMatchers("/dbq/api/**"))
          .build();
    }
  }

  /** The same rules, Spring Security's CSRF token asked of every POST. */
  @Configuration(proxyBeanMethods = false)
  static class SecurityAskingForCsrfTokens {
    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
      return rules(http).build();
    }
  }

  private static HttpSecurity rules(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            requests ->
                requests.requestMatchers("/dbq/**").hasRole("OPS").anyRequest().authenticated())
        .httpBasic(withDefaults());
  }

  /** The application's users, and its rule for the dashboard's actions. */
  @Configuration(proxyBeanMethods = false)
  static class Users {
    @Bean
    UserDetailsService users() {
      return new InMemoryUserDetailsManager(
          User.withUsername("alice").password("{noop}alice-pw").roles("OPS").build(),
          User.withUsername("bob").password("{noop}bob-pw").roles("SALES").build());
    }

    @Bean
    RecordingAuthorizer authorizer() {
      return new RecordingAuthorizer();
    }
  }

  /** Lets everyone pause a queue and nobody delete; records whom it was asked about. */
  static final class RecordingAuthorizer implements DashboardAuthorizer {
    final List<String> asked = new CopyOnWriteArrayList<>();

    @Override
    public boolean allows(DashboardAction action, DashboardRequest request) {
      asked.add(action + " by " + request.principal().map(p -> p.getName()).orElse("nobody"));
      return action != DashboardAction.DELETE;
    }
  }

  private static WebApplicationContextRunner secured() {
    return securedBy(Security.class);
  }

  private static WebApplicationContextRunner securedBy(Class<?> security) {
    return Runners.webOnDatabase(databases.create())
        .withConfiguration(
            AutoConfigurations.of(
                SecurityAutoConfiguration.class,
                ServletWebSecurityAutoConfiguration.class,
                SecurityFilterAutoConfiguration.class))
        .withUserConfiguration(Users.class, security)
        .withPropertyValues("dbq.dashboard.allow-writes=true");
  }

  @Test
  void anUnauthenticatedRequestIsRefusedByTheApplicationsSecurity() {
    secured()
        .run(
            context -> {
              DashboardHttp http = new DashboardHttp(Runners.port(context));

              assertThat(http.get("/dbq/api/overview").statusCode()).isEqualTo(401);
              assertThat(http.get("/dbq/").statusCode()).isEqualTo(401);
              assertThat(http.post(PAUSE, "{}").statusCode()).isEqualTo(401);
              assertThat(context.getBean(Dbq.class).queues().get("greetings").paused()).isFalse();
              assertThat(context.getBean(RecordingAuthorizer.class).asked).isEmpty();
            });
  }

  @Test
  void aUserTheApplicationsRulesKeepOutIsRefused() {
    secured()
        .run(
            context -> {
              DashboardHttp http = new DashboardHttp(Runners.port(context)).as("bob", "bob-pw");

              assertThat(http.get("/dbq/api/overview").statusCode()).isEqualTo(403);
              assertThat(context.getBean(RecordingAuthorizer.class).asked).isEmpty();
            });
  }

  @Test
  void anAuthenticatedRequestGetsThroughAndItsUserReachesTheAuthorizer() {
    secured()
        .run(
            context -> {
              RecordingAuthorizer authorizer = context.getBean(RecordingAuthorizer.class);
              DashboardHttp http = new DashboardHttp(Runners.port(context)).as("alice", "alice-pw");

              HttpResponse<String> config = http.get("/dbq/api/config");

              assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
              assertThat(DashboardHttp.json(config).get("user").asText()).isEqualTo("alice");
              assertThat(DashboardHttp.json(config).at("/actions/delete").asBoolean()).isFalse();
              authorizer.asked.clear();

              HttpResponse<String> paused = http.fromSite("same-origin").post(PAUSE, "{}");

              assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
              assertThat(context.getBean(Dbq.class).queues().get("greetings").paused()).isTrue();
              assertThat(authorizer.asked).containsExactly("PAUSE_QUEUE by alice");
              HttpResponse<String> delete =
                  http.post("/dbq/api/jobs/delete", "{\"filter\": \"state=FAILED\"}");
              assertThat(delete.statusCode()).isEqualTo(403);
              assertThat(DashboardHttp.json(delete).get("error").asText())
                  .contains("refused by the dashboard's authorizer");
            });
  }

  @Test
  void aCrossSiteActionOfAnAuthenticatedUserIsRefusedByTheDashboard() {
    secured()
        .run(
            context -> {
              DashboardHttp http =
                  new DashboardHttp(Runners.port(context))
                      .as("alice", "alice-pw")
                      .fromSite("cross-site");

              HttpResponse<String> refused = http.post(PAUSE, "{}");

              assertThat(refused.statusCode()).isEqualTo(403);
              assertThat(DashboardHttp.json(refused).get("error").asText())
                  .contains("cross-site request refused");
              assertThat(context.getBean(Dbq.class).queues().get("greetings").paused()).isFalse();
            });
  }

  @Test
  void withoutTheCsrfExemptionSpringSecurityRefusesTheDashboardsActions() {
    securedBy(SecurityAskingForCsrfTokens.class)
        .run(
            context -> {
              DashboardHttp http =
                  new DashboardHttp(Runners.port(context))
                      .as("alice", "alice-pw")
                      .fromSite("same-origin");

              assertThat(http.get("/dbq/api/overview").statusCode()).isEqualTo(200);
              assertThat(http.post(PAUSE, "{}").statusCode())
                  .as("the dashboard's page sends no CSRF token")
                  .isEqualTo(403);
              assertThat(context.getBean(RecordingAuthorizer.class).asked).isEmpty();
              assertThat(context.getBean(Dbq.class).queues().get("greetings").paused()).isFalse();
            });
  }
}
