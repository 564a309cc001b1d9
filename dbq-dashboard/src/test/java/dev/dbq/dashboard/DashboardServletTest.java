package dev.dbq.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.testsupport.FreshDatabase;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link DashboardServlet} mounted at {@code /app/ops/dbq/*}: it hands the handler the path below
 * the mapping, the mount point, the query, the headers, the body and the container's user, and
 * writes back status, headers and body. The container is stood in for by the servlet API's
 * interfaces, answering as Tomcat or Jetty would for such a mapping.
 */
class DashboardServletTest {
  @RegisterExtension static final FreshDatabase db = new FreshDatabase();

  @Test
  void theServletPassesTheRequestBelowItsMappingAndWritesTheAnswer() throws Exception {
    AtomicReference<DashboardRequest> seen = new AtomicReference<>();
    DashboardServlet servlet =
        new DashboardServlet(
            request -> {
              seen.set(request);
              return new DashboardResponse(
                  201, Map.of("X-Test", "yes"), "done".getBytes(StandardCharsets.UTF_8));
            });
    Principal alice = () -> "alice";
    HttpServletRequest request =
        request("POST", "/app", "/ops/dbq", "/api/jobs/retry", "a=1&b=x%20y", "{}", alice);
    AtomicInteger status = new AtomicInteger();
    Map<String, String> headers = new LinkedHashMap<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();

    servlet.service(request, response(status, headers, body));

    DashboardRequest r = seen.get();
    assertEquals("POST", r.method());
    assertEquals("/api/jobs/retry", r.path());
    assertEquals("/app/ops/dbq", r.basePath());
    assertEquals("x y", r.param("b").orElseThrow());
    assertEquals("application/json", r.header("content-type").orElseThrow());
    assertEquals("{}", new String(r.body(), StandardCharsets.UTF_8));
    assertEquals("alice", r.principal().orElseThrow().getName());
    assertEquals(201, status.get());
    assertEquals("yes", headers.get("X-Test"));
    assertEquals("done", body.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theMappingItselfWithoutItsSlashIsRedirectedBelowIt() throws Exception {
    DashboardServlet servlet = new DashboardServlet(Dashboard.builder(db.dbq()).build());
    AtomicInteger status = new AtomicInteger();
    Map<String, String> headers = new LinkedHashMap<>();

    servlet.service(
        request("GET", "/app", "/ops/dbq", null, null, "", null),
        response(status, headers, new ByteArrayOutputStream()));

    assertEquals(302, status.get());
    assertEquals("/app/ops/dbq/", headers.get("Location"));
    assertTrue(headers.containsKey("Content-Security-Policy"));
  }

  private static HttpServletRequest request(
      String method,
      String contextPath,
      String servletPath,
      String pathInfo,
      String query,
      String body,
      Principal user) {
    Map<String, String> headers = Map.of("Content-Type", "application/json", "Host", "app:8080");
    ByteArrayInputStream in = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    ServletInputStream stream =
        new ServletInputStream() {
          @Override
          public boolean isFinished() {
            return in.available() == 0;
          }

          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setReadListener(ReadListener listener) {}

          @Override
          public int read() {
            return in.read();
          }
        };
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            DashboardServletTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, m, args) ->
                switch (m.getName()) {
                  case "getMethod" -> method;
                  case "getContextPath" -> contextPath;
                  case "getServletPath" -> servletPath;
                  case "getPathInfo" -> pathInfo;
                  case "getQueryString" -> query;
                  case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                  case "getHeader" -> headers.get((String) args[0]);
                  case "getInputStream" -> stream;
                  case "getUserPrincipal" -> user;
                  default -> throw new UnsupportedOperationException(m.getName());
                });
  }

  private static HttpServletResponse response(
      AtomicInteger status, Map<String, String> headers, ByteArrayOutputStream body) {
    ServletOutputStream out =
        new ServletOutputStream() {
          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {}

          @Override
          public void write(int b) {
            body.write(b);
          }
        };
    return (HttpServletResponse)
        Proxy.newProxyInstance(
            DashboardServletTest.class.getClassLoader(),
            new Class<?>[] {HttpServletResponse.class},
            (proxy, m, args) ->
                switch (m.getName()) {
                  case "setStatus" -> {
                    status.set((Integer) args[0]);
                    yield null;
                  }
                  case "setHeader" -> {
                    headers.put((String) args[0], (String) args[1]);
                    yield null;
                  }
                  case "setContentLength" -> null;
                  case "getOutputStream" -> out;
                  default -> throw new UnsupportedOperationException(m.getName());
                });
  }
}
