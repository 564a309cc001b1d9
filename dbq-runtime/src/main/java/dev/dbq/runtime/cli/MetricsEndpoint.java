package dev.dbq.runtime.cli;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqListener;
import dev.dbq.runtime.JobCatalog;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * {@code dbq worker --metrics-port N}: the Prometheus endpoint of {@code dbq-micrometer}, loaded by
 * name only when the option is given, so that the runtime neither depends on Micrometer nor loads
 * any of it otherwise. The endpoint is a {@link DbqListener} for the worker and the {@code Dbq}.
 */
final class MetricsEndpoint {
  static final String HOST = "127.0.0.1";
  static final String ENDPOINT_CLASS = "dev.dbq.micrometer.PrometheusEndpoint";
  static final String REGISTRY_CLASS = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry";
  static final String MISSING =
      "--metrics-port needs dbq-micrometer and io.micrometer:micrometer-registry-prometheus on the"
          + " class path";

  private MetricsEndpoint() {}

  /**
   * Checks the port and that the endpoint's classes are there, before anything connects.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static void check(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("--metrics-port must be between 1 and 65535, was " + port);
    }
    try {
      Class.forName(ENDPOINT_CLASS, false, MetricsEndpoint.class.getClassLoader());
      Class.forName(REGISTRY_CLASS, false, MetricsEndpoint.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(MISSING);
    }
  }

  /**
   * Starts serving on {@value #HOST}.
   *
   * @return the endpoint: a listener, closed when the worker ends
   * @throws IllegalArgumentException when the port cannot be bound
   */
  static DbqListener start(int port, Dbq dbq, JobCatalog catalog, List<String> queues) {
    try {
      Class<?> type = Class.forName(ENDPOINT_CLASS, true, MetricsEndpoint.class.getClassLoader());
      Method start =
          type.getMethod("start", String.class, int.class, Dbq.class, JobCatalog.class, List.class);
      return (DbqListener) start.invoke(null, HOST, port, dbq, catalog, queues);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r && r.getMessage() != null) {
        throw new IllegalArgumentException("--metrics-port: " + r.getMessage(), r);
      }
      throw new IllegalStateException("cannot start the metrics endpoint: " + cause, cause);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalArgumentException(MISSING + " (" + e + ")", e);
    }
  }

  /** Stops serving; the endpoint is {@link AutoCloseable}. */
  static void stop(DbqListener endpoint) {
    if (endpoint instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // the worker has ended: nothing is lost when the endpoint's close fails
      }
    }
  }
}
