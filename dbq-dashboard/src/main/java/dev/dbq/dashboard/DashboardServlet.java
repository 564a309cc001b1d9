package dev.dbq.dashboard;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The dashboard in the application's own servlet container, under its own security: map it to a
 * path with a wildcard, and the container's authentication applies (its user reaches the {@link
 * DashboardAuthorizer} as {@link DashboardRequest#principal()}).
 *
 * <pre>{@code
 * ServletRegistration.Dynamic reg = servletContext.addServlet("dbq", new DashboardServlet(
 *     Dashboard.builder(dbq).allowWrites(true).authorizer(rules).build()));
 * reg.addMapping("/ops/dbq/*");
 * }</pre>
 */
public class DashboardServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final int MAX_BODY = 1 << 20;

  /** The handler; servlets are serialisable, a dashboard is not (a container never needs it). */
  private final transient DashboardHandler handler;

  /**
   * A servlet that answers with the given handler.
   *
   * @param handler the dashboard, or a wrapper of it
   */
  public DashboardServlet(DashboardHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, request.getHeader(name));
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY);
    }
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    DashboardResponse answer =
        handler.handle(
            new DashboardRequest(
                request.getMethod(),
                path,
                DashboardRequest.parseQuery(request.getQueryString()),
                headers,
                body,
                request.getContextPath() + request.getServletPath(),
                request.getUserPrincipal()));
    response.setStatus(answer.status());
    answer.headers().forEach(response::setHeader);
    byte[] bytes = answer.body();
    response.setContentLength(bytes.length);
    if (!request.getMethod().equals("HEAD")) {
      response.getOutputStream().write(bytes);
    }
  }
}
