package dev.dbq.micrometer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqEvent;
import dev.dbq.runtime.DbqListener;
import dev.dbq.runtime.JobCatalog;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Serves dbq's meters as Prometheus text on {@code http://HOST:PORT/metrics}: a {@link
 * PrometheusMeterRegistry}, a {@link DbqMetrics} bound to it and the JDK's HTTP server on one
 * thread. It is what {@code dbq worker --metrics-port N} starts (on 127.0.0.1) when this module and
 * {@code micrometer-registry-prometheus} are on the class path; it is a {@link DbqListener} (the
 * metrics') for the worker and the {@code Dbq} to add.
 */
public final class PrometheusEndpoint implements DbqListener, AutoCloseable {
  /** The path served. */
  public static final String PATH = "/metrics";

  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final DbqMetrics metrics;
  private final HttpServer server;

  private PrometheusEndpoint(
      PrometheusMeterRegistry registry, DbqMetrics metrics, HttpServer server) {
    this.registry = registry;
    this.metrics = metrics;
    this.server = server;
  }

  /**
   * Registers the meters and starts serving them.
   *
   * @param host the address to listen on ({@code 127.0.0.1} for this machine only)
   * @param port the port, 1..65535 (0 for any free one, see {@link #port()})
   * @param dbq the database the queue gauges read
   * @param catalog the jobs whose meters are registered up front
   * @param queues the worker's queues, registered up front too
   * @return the running endpoint
   * @throws UncheckedIOException when the port cannot be bound (in use, not allowed)
   */
  public static PrometheusEndpoint start(
      String host, int port, Dbq dbq, JobCatalog catalog, List<String> queues) {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    DbqMetrics metrics =
        DbqMetrics.builder(registry, catalog)
            .queues(queues.toArray(String[]::new))
            .queueStats(dbq)
            .build();
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      registry.close();
      throw new UncheckedIOException(
          "cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    server.createContext(PATH, exchange -> scrape(registry, exchange));
    server.start();
    return new PrometheusEndpoint(registry, metrics, server);
  }

  private static void scrape(PrometheusMeterRegistry registry, HttpExchange exchange)
      throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * @return the port served (the one chosen when 0 was asked for)
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * @return the registry the meters are in
   */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Stops serving and closes the registry. */
  @Override
  public void close() {
    server.stop(0);
    registry.close();
  }

  @Override
  public void onEnqueued(DbqEvent.Enqueued event) {
    metrics.onEnqueued(event);
  }

  @Override
  public void onWorkerStarted(DbqEvent.WorkerStarted event) {
    metrics.onWorkerStarted(event);
  }

  @Override
  public void onWorkerStopped(DbqEvent.WorkerStopped event) {
    metrics.onWorkerStopped(event);
  }

  @Override
  public void onWokeUp(DbqEvent.WokeUp event) {
    metrics.onWokeUp(event);
  }

  @Override
  public void onClaimed(DbqEvent.Claimed event) {
    metrics.onClaimed(event);
  }

  @Override
  public void onStepStarted(DbqEvent.StepStarted event) {
    metrics.onStepStarted(event);
  }

  @Override
  public void onStepEnded(DbqEvent.StepEnded event) {
    metrics.onStepEnded(event);
  }

  @Override
  public void onRetryScheduled(DbqEvent.RetryScheduled event) {
    metrics.onRetryScheduled(event);
  }

  @Override
  public void onJobEnded(DbqEvent.JobEnded event) {
    metrics.onJobEnded(event);
  }

  @Override
  public void onRescued(DbqEvent.Rescued event) {
    metrics.onRescued(event);
  }

  @Override
  public void onLeaseRenewalFailed(DbqEvent.LeaseRenewalFailed event) {
    metrics.onLeaseRenewalFailed(event);
  }
}
