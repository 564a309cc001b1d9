package dev.dbq.runtime;

/**
 * One step or hook of a job, as generated code calls it: directly, without reflection.
 *
 * <p>Generated catalogs implement this with a lambda per {@code @Step} and hook method. It returns
 * the workspace to keep: what the method returned when it returns the workspace type, otherwise the
 * (possibly mutated) workspace it was given.
 */
@FunctionalInterface
public interface JobMethod {

  /**
   * Calls the method.
   *
   * @param invocation the context, workspace and (for failure hooks) the failure
   * @return the workspace after the call: a typed workspace instance, or the untyped map
   * @throws Throwable whatever the user's method throws
   */
  Object call(Invocation invocation) throws Throwable;
}
