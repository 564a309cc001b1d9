package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.JobCatalog;

/**
 * {@link DbqWorker}'s hooks for the {@code dbq worker} command, which lives in {@code
 * dev.dbq.runtime.cli}: the progress report's jobs in flight, the step that called {@code
 * System.exit}, and checking the settings before connecting. {@link DbqWorker} installs them when
 * it is initialised (the pattern of {@code dev.dbq.runtime.internal.ApiAccess}); public methods on
 * the API would put them in the javadoc.
 */
public final class WorkerAccess {
  /** What the command line may do to a worker that applications do not. */
  public interface Hooks {
    /**
     * Jobs the worker holds: claimed and not yet saved.
     *
     * @param worker the worker
     * @return jobs in flight, 0 before start
     */
    int inFlight(DbqWorker worker);

    /**
     * What made the worker stop when a step called {@code System.exit}, or null.
     *
     * @param worker the worker
     * @return the line, or null
     */
    String stepExit(DbqWorker worker);

    /**
     * Checks every setting but the data source, so that bad input is refused before connecting.
     *
     * @param builder the builder
     * @return the catalog to use
     */
    JobCatalog validate(DbqWorker.Builder builder);
  }

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
   * {@link DbqWorker}'s hooks, initialising the class first if nobody has yet.
   *
   * @return the hooks
   */
  public static Hooks hooks() {
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
