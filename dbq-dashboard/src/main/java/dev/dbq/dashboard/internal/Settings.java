package dev.dbq.dashboard.internal;

import dev.dbq.dashboard.DashboardAction;
import dev.dbq.dashboard.DashboardAuthorizer;
import dev.dbq.dashboard.DashboardRequest;
import dev.dbq.runtime.Dbq;

/**
 * A dashboard's sealed configuration.
 *
 * @param dbq the queue it looks at
 * @param allowWrites whether any action may run at all
 * @param authorizer who may take which action, asked only when writes are allowed
 */
public record Settings(Dbq dbq, boolean allowWrites, DashboardAuthorizer authorizer) {
  /** Whether this request may take this action: writes allowed, and the authorizer agrees. */
  public boolean allows(DashboardAction action, DashboardRequest request) {
    return allowWrites && authorizer.allows(action, request);
  }
}
