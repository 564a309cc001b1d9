/**
 * dbq's web dashboard: {@link dev.dbq.dashboard.Dashboard}, a framework-free request handler, and
 * its adapters, {@link dev.dbq.dashboard.DashboardServlet} (embedded under the application's own
 * server and security) and {@link dev.dbq.dashboard.DashboardServer} (standalone, {@code dbq
 * dashboard}).
 */
package dev.dbq.dashboard;
