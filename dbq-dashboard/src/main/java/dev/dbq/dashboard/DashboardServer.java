package dev.dbq.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dbq.runtime.Dbq;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The dashboard served alone, by the JDK's own HTTP server (what {@code dbq dashboard} runs): no
 * authentication of its own, so it binds {@code 127.0.0.1} unless told otherwise; put it behind the
 * application's proxy, or embed the {@link DashboardServlet}, to serve it to others.
 */
public final class DashboardServer implements AutoCloseable {
  /** The address {@code dbq dashboard} binds unless told otherwise: this machine only. */
  public static final String DEFAULT_BIND = "127.0.0.1";

  private static final int MAX_BODY = 1 << 20;
  private static final int THREADS = 4;

  private final HttpServer server;
  private final ExecutorService executor;

  private DashboardServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Serves a handler at the root of an address.
   *
   * @param bind the address to bind, e.g. {@value #DEFAULT_BIND}
   * @param port the port, 0 for any free one
   * @param handler the dashboard
   * @return the running server
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static DashboardServer start(String bind, int port, DashboardHandler handler) {
    Objects.requireNonNull(handler, "handler");
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the dashboard on " + bind + ":" + port, e);
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(
            THREADS,
            r -> {
              Thread t = new Thread(r, "dbq-dashboard");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", exchange -> serve(exchange, handler));
    server.start();
    return new DashboardServer(server, executor);
  }

  /**
   * What {@code dbq dashboard} calls (by name: the runtime does not depend on this module).
   *
   * @param bind the address to bind
   * @param port the port
   * @param dbq the queue to show
   * @param allowWrites whether actions may run
   * @return the running server
   */
  public static DashboardServer start(String bind, int port, Dbq dbq, boolean allowWrites) {
    return start(bind, port, Dashboard.builder(dbq).allowWrites(allowWrites).build());
  }

  /**
   * The port it listens on.
   *
   * @return the bound port (the one chosen when 0 was asked for)
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops serving at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void serve(HttpExchange exchange, DashboardHandler handler) throws IOException {
    try (exchange) {
      Map<String, String> headers = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
        if (!h.getValue().isEmpty()) {
          headers.put(h.getKey(), h.getValue().get(0));
        }
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY);
      }
      DashboardResponse answer =
          handler.handle(
              new DashboardRequest(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getRawPath(),
                  DashboardRequest.parseQuery(exchange.getRequestURI().getRawQuery()),
                  headers,
                  body,
                  "",
                  exchange.getPrincipal()));
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      byte[] bytes = answer.body();
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(answer.status(), head || bytes.length == 0 ? -1 : bytes.length);
      if (!head && bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }
}
