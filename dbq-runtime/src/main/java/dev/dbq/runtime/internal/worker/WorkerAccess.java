package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.DbqWorker;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@link DbqWorker}'s hooks for the {@code dbq worker} command, which lives in {@code
 * dev.dbq.runtime.cli}: the progress report's jobs in flight, the step that called {@code
 * System.exit}, the progress listener, and checking the settings before connecting. {@link
 * DbqWorker} installs them when it is initialised (the pattern of {@code
 * dev.dbq.runtime.internal.ApiAccess}); public methods on the API would put them in the javadoc and
 * show an internal type ({@link WorkerEvents}) in a public signature.
 */
public final class WorkerAccess {
  /**
   * What the command line may do to a worker that applications do not.
   *
   * @param lifecycle a worker's life, which knows its jobs in flight and a step's {@code
   *     System.exit}
   * @param events sets who hears about the worker's work as it happens
   * @param settings checks every setting but the data source
   */
  public record Hooks(
      Function<DbqWorker, WorkerLifecycle> lifecycle,
      BiFunction<DbqWorker.Builder, WorkerEvents, DbqWorker.Builder> events,
      Function<DbqWorker.Builder, WorkerSettings> settings) {}

  private static volatile Hooks hooks;

  private WorkerAccess() {}

  /**
   * Installs {@link DbqWorker}'s hooks; only {@link DbqWorker} calls this, once.
   *
   * @param installed the hooks
   * @throws IllegalStateException when hooks are installed already
   */
  public static synchronized void install(Hooks installed) {
    if (hooks != null) {
      throw new IllegalStateException("DbqWorker's hooks are installed already");
    }
    hooks = installed;
  }

  /**
   * @param worker the worker
   * @return jobs the worker holds (claimed and not yet saved), 0 before start
   */
  public static int inFlight(DbqWorker worker) {
    return hooks().lifecycle().apply(worker).inFlight();
  }

  /**
   * @param worker the worker
   * @return what made the worker stop when a step called {@code System.exit}, or null
   */
  public static String stepExit(DbqWorker worker) {
    return hooks().lifecycle().apply(worker).stepExit();
  }

  /**
   * Sets who hears about the worker's work as it happens.
   *
   * @param builder the builder
   * @param events the listener
   * @return the builder
   */
  public static DbqWorker.Builder events(DbqWorker.Builder builder, WorkerEvents events) {
    return hooks().events().apply(builder, events);
  }

  /**
   * Checks every setting but the data source, so that bad input is refused before connecting.
   *
   * @param builder the builder
   * @return the checked settings
   * @throws IllegalArgumentException naming the first bad setting
   */
  public static WorkerSettings validate(DbqWorker.Builder builder) {
    return hooks().settings().apply(builder);
  }

  /** {@link DbqWorker}'s hooks, initialising the class first if nobody has yet. */
  private static Hooks hooks() {
    Hooks installed = hooks;
    if (installed == null) {
      try {
        Class.forName(DbqWorker.class.getName(), true, DbqWorker.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError("DbqWorker is on the class path by construction", e);
      }
      installed = hooks;
    }
    return installed;
  }
}
