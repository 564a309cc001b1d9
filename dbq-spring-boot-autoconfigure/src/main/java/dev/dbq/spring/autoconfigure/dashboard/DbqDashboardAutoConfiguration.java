package dev.dbq.spring.autoconfigure.dashboard;

import dev.dbq.dashboard.Dashboard;
import dev.dbq.dashboard.DashboardAuthorizer;
import dev.dbq.dashboard.DashboardServlet;
import dev.dbq.runtime.Dbq;
import dev.dbq.spring.autoconfigure.DbqAutoConfiguration;
import dev.dbq.spring.autoconfigure.DbqProperties;
import jakarta.servlet.Servlet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * dbq's web dashboard ({@code dbq-dashboard}) on the application's own server, under {@code
 * dbq.dashboard.path} ({@code /dbq}), in a servlet web application that has the module, unless
 * {@code dbq.dashboard.enabled=false}: read-only unless {@code dbq.dashboard.allow-writes=true},
 * each action then asked of the application's {@link DashboardAuthorizer} bean if it has one.
 *
 * <p>Why a servlet of its own ({@link DashboardServlet} in a {@link ServletRegistrationBean}, as
 * Spring Boot serves its H2 console) rather than a Spring MVC handler mapping: the servlet adapter
 * is the dashboard's own, already tested; it needs no Spring MVC (a Jersey application gets it
 * too); and it stands behind the same filters as every other request of the server, Spring
 * Security's filter chain included, so the application's rules for the path and its login apply,
 * and the user they authenticate reaches the authorizer as the request's {@code Principal}. A
 * handler mapping would add nothing the dashboard uses (it has its own routing, content negotiation
 * and error bodies).
 */
@AutoConfiguration(after = DbqAutoConfiguration.class)
@ConditionalOnClass({Dashboard.class, Servlet.class, ServletRegistrationBean.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(Dbq.class)
@ConditionalOnBooleanProperty(name = "dbq.dashboard.enabled", matchIfMissing = true)
public class DbqDashboardAutoConfiguration {
  /** For Spring. */
  public DbqDashboardAutoConfiguration() {}

  /**
   * The dashboard: read-only unless {@code dbq.dashboard.allow-writes=true}; then each action is
   * asked of the application's {@link DashboardAuthorizer} bean, or allowed when it has none.
   *
   * @param dbq the queue it shows and acts on
   * @param authorizer the application's authorizer, if it has one
   * @param properties the {@code dbq.*} properties
   * @return the dashboard
   */
  @Bean
  @ConditionalOnMissingBean
  public Dashboard dbqDashboard(
      Dbq dbq, ObjectProvider<DashboardAuthorizer> authorizer, DbqProperties properties) {
    Dashboard.Builder builder =
        Dashboard.builder(dbq).allowWrites(properties.getDashboard().isAllowWrites());
    authorizer.ifAvailable(builder::authorizer);
    return builder.build();
  }

  /**
   * The dashboard's servlet, mapped to {@code dbq.dashboard.path} and everything below it.
   *
   * @param dashboard the dashboard it serves
   * @param properties the {@code dbq.*} properties
   * @return the registration
   * @throws IllegalArgumentException when {@code dbq.dashboard.path} is no such path
   */
  @Bean
  @ConditionalOnMissingBean(name = "dbqDashboardServlet")
  public ServletRegistrationBean<DashboardServlet> dbqDashboardServlet(
      Dashboard dashboard, DbqProperties properties) {
    String path = DashboardPath.of(properties.getDashboard().getPath());
    ServletRegistrationBean<DashboardServlet> registration =
        new ServletRegistrationBean<>(new DashboardServlet(dashboard), path + "/*");
    registration.setName("dbqDashboard");
    return registration;
  }
}
