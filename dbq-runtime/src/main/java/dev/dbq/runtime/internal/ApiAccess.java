package dev.dbq.runtime.internal;

import dev.dbq.runtime.JobContext;
import dev.dbq.runtime.JobState;

/**
 * The engine's hooks into API classes that applications must not call: an API class installs its
 * hook here when it is initialised, and the internal packages call it through this class (the
 * "shared secrets" pattern of the JDK's {@code jdk.internal.access}). A public method on the API
 * class would do the same job but put an engine-only operation in the API and its javadoc.
 */
public final class ApiAccess {
  /** What the worker may do to a {@link JobContext} that a step may not. */
  public interface ContextAccess {
    /**
     * Moves the context to the outcome's state before the failure and post-step hooks see it.
     *
     * @param context the step's context
     * @param next the state the step's outcome leads to
     */
    void moveTo(JobContext context, JobState next);
  }

  private static volatile ContextAccess contexts;

  private ApiAccess() {}

  /**
   * Installs {@link JobContext}'s hook; only {@link JobContext} calls this, once.
   *
   * @param access the hook
   * @throws IllegalStateException when a hook is installed already
   */
  public static synchronized void install(ContextAccess access) {
    if (contexts != null) {
      throw new IllegalStateException("JobContext's access is installed already");
    }
    contexts = access;
  }

  /**
   * {@link JobContext}'s hook, initialising the class first if nobody has yet.
   *
   * @return the hook
   */
  public static ContextAccess contexts() {
    ContextAccess access = contexts;
    if (access == null) {
      initialise(JobContext.class);
      access = contexts;
    }
    return access;
  }

  private static void initialise(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(type + " is on the class path by construction", e);
    }
  }
}
