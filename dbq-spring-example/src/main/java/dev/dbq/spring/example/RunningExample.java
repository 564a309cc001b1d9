package dev.dbq.spring.example;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The started application and the embedded database it may run on; {@link #close()} stops them in
 * that order, so the worker hands its jobs back while the database is still up.
 *
 * @param context the application context
 * @param database the embedded database, or null when a database was configured
 */
record RunningExample(ConfigurableApplicationContext context, EmbeddedDatabase database)
    implements AutoCloseable {

  /** The HTTP port the application listens on. */
  int port() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "-1"));
  }

  @Override
  public void close() {
    try {
      context.close();
    } finally {
      if (database != null) {
        database.close();
      }
    }
  }
}
