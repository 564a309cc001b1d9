package dev.dbq.dashboard;

/**
 * Answers one request: what the adapters ({@link DashboardServlet}, {@link DashboardServer}) call.
 * {@link Dashboard} is the one implementation; an application may wrap it (to log, to add its own
 * headers) and give the wrapper to an adapter.
 */
@FunctionalInterface
public interface DashboardHandler {
  /**
   * Answers a request.
   *
   * @param request the request, its path relative to the mount point
   * @return the response to write
   */
  DashboardResponse handle(DashboardRequest request);
}
