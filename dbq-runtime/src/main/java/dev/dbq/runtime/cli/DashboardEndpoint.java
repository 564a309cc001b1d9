package dev.dbq.runtime.cli;

import dev.dbq.runtime.Dbq;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * {@code dbq dashboard}: the standalone server of {@code dbq-dashboard}, loaded by name only when
 * the command runs, so that the runtime neither depends on the dashboard nor loads any of it
 * otherwise (as {@link MetricsEndpoint} loads {@code dbq-micrometer}).
 */
final class DashboardEndpoint {
  static final String SERVER_CLASS = "dev.dbq.dashboard.DashboardServer";
  static final String MISSING =
      "the dashboard needs dbq-dashboard (dev.dbq:dbq-dashboard) on the class path";

  private DashboardEndpoint() {}

  /**
   * Checks the port and that the server's class is there, before anything connects.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static void check(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "--port must be between 1 and 65535 (0 for any free port), was " + port);
    }
    try {
      Class.forName(SERVER_CLASS, false, DashboardEndpoint.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(MISSING);
    }
  }

  /**
   * Starts serving.
   *
   * @return the server, to close when the command ends, and the port it bound
   * @throws IllegalArgumentException when the address cannot be bound
   */
  static Running start(String bind, int port, Dbq dbq, boolean allowWrites) {
    try {
      Class<?> type = Class.forName(SERVER_CLASS, true, DashboardEndpoint.class.getClassLoader());
      Method start = type.getMethod("start", String.class, int.class, Dbq.class, boolean.class);
      AutoCloseable server = (AutoCloseable) start.invoke(null, bind, port, dbq, allowWrites);
      int bound = (Integer) type.getMethod("port").invoke(server);
      return new Running(server, bound);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r && r.getMessage() != null) {
        String reason = r.getCause() == null ? "" : ": " + r.getCause().getMessage();
        throw new IllegalArgumentException(r.getMessage() + reason, r);
      }
      throw new IllegalStateException("cannot start the dashboard: " + cause, cause);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalArgumentException(MISSING + " (" + e + ")", e);
    }
  }

  /** A started server and the port it bound. */
  record Running(AutoCloseable server, int port) {
    void stop() {
      try {
        server.close();
      } catch (Exception e) {
        // the command is ending: nothing is lost when the server's close fails
      }
    }
  }
}
