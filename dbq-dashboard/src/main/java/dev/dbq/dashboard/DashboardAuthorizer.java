package dev.dbq.dashboard;

/**
 * Decides, per request, whether an action may run: the application's own rules about its own user
 * ({@link DashboardRequest#principal()}), asked only when the dashboard allows writes at all. The
 * front end asks too, to show only the actions it may take; the answer that counts is the one given
 * when the action is posted.
 *
 * <pre>{@code
 * Dashboard.builder(dbq)
 *     .allowWrites(true)
 *     .authorizer((action, request) -> request.principal()
 *         .map(user -> action != DashboardAction.DELETE || admins.contains(user.getName()))
 *         .orElse(false))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface DashboardAuthorizer {
  /** Allows every action (the default once writes are allowed). */
  DashboardAuthorizer ALLOW_ALL = (action, request) -> true;

  /**
   * Whether this request may take this action.
   *
   * @param action the action asked for
   * @param request the request that asks, with its user when the adapter knows one
   * @return true to let it run, false to refuse it with 403
   */
  boolean allows(DashboardAction action, DashboardRequest request);
}
