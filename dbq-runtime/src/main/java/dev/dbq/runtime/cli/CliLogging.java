package dev.dbq.runtime.cli;

import dev.dbq.runtime.internal.RuntimeLoggers;
import java.lang.reflect.Method;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * How the command line logs, set once before anything logs. With no SLF4J provider on the class
 * path it installs {@link StderrLogProvider} (instead of SLF4J's silent NOP and its "no providers"
 * warning), so that a worker always says what it does. With one, it only keeps the pool's own INFO
 * lines (HikariCP's "Starting..."/"Shutdown completed.") out, for the backends it knows, unless the
 * user's configuration gives that logger a level of its own. The library embedded in an application
 * never calls this: there, logging is the application's.
 */
public final class CliLogging {
  /** The loggers of HikariCP's start, "Added connection" and shutdown lines. */
  static final String POOL_LOGGER = "com.zaxxer.hikari";

  // JUL keeps loggers weakly: hold the one whose level is set
  private static java.util.logging.Logger julPool;
  private static boolean prepared;

  private CliLogging() {}

  /** Chooses the stderr fallback or quiets the pool; idempotent. */
  public static synchronized void prepare() {
    if (prepared) {
      return;
    }
    prepared = true;
    if (System.getProperty(LoggerFactory.PROVIDER_PROPERTY_KEY) == null && !hasProvider()) {
      System.setProperty(LoggerFactory.PROVIDER_PROPERTY_KEY, StderrLogProvider.class.getName());
      if (System.getProperty("slf4j.internal.verbosity") == null) {
        // else SLF4J announces the explicitly named provider on stderr
        System.setProperty("slf4j.internal.verbosity", "WARN");
      }
      return;
    }
    // slf4j-simple reads its levels from system properties when it starts
    if (System.getProperty("org.slf4j.simpleLogger.log." + POOL_LOGGER) == null) {
      System.setProperty("org.slf4j.simpleLogger.log." + POOL_LOGGER, "warn");
    }
    quietPool(LoggerFactory.getILoggerFactory());
  }

  /** SLF4J 2's own look-up: a provider registered as a service on the class path. */
  static boolean hasProvider() {
    ClassLoader loader = LoggerFactory.class.getClassLoader();
    try {
      return ServiceLoader.load(SLF4JServiceProvider.class, loader).stream().findAny().isPresent();
    } catch (ServiceConfigurationError broken) {
      return true; // a provider is registered but cannot load: SLF4J itself says so
    }
  }

  private static void quietPool(ILoggerFactory factory) {
    String kind = factory.getClass().getName();
    try {
      switch (kind) {
        case "ch.qos.logback.classic.LoggerContext" -> quietLogback(factory);
        case "org.slf4j.jul.JDK14LoggerFactory" -> quietJul();
        case "org.apache.logging.slf4j.Log4jLoggerFactory" -> quietLog4j(factory);
        default -> {
          // an unknown backend: its own configuration decides
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      RuntimeLoggers.of(CliLogging.class).debug("cannot set {}'s level", POOL_LOGGER, e);
    }
  }

  private static void quietLogback(ILoggerFactory context) throws ReflectiveOperationException {
    Object logger =
        context.getClass().getMethod("getLogger", String.class).invoke(context, POOL_LOGGER);
    if (logger.getClass().getMethod("getLevel").invoke(logger) != null) {
      return; // configured by the user
    }
    Class<?> level =
        Class.forName("ch.qos.logback.classic.Level", true, context.getClass().getClassLoader());
    logger.getClass().getMethod("setLevel", level).invoke(logger, level.getField("WARN").get(null));
  }

  private static void quietJul() {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(POOL_LOGGER);
    if (logger.getLevel() == null) {
      logger.setLevel(java.util.logging.Level.WARNING);
      julPool = logger;
    }
  }

  private static void quietLog4j(ILoggerFactory factory) throws ReflectiveOperationException {
    ClassLoader loader = factory.getClass().getClassLoader();
    Class<?> level = Class.forName("org.apache.logging.log4j.Level", true, loader);
    Class<?> configurator =
        Class.forName("org.apache.logging.log4j.core.config.Configurator", true, loader);
    Method setLevel = configurator.getMethod("setLevel", String.class, level);
    setLevel.invoke(null, POOL_LOGGER, level.getField("WARN").get(null));
  }
}
