package dev.dbq.dashboard;

import dev.dbq.dashboard.internal.ApiActions;
import dev.dbq.dashboard.internal.ApiReads;
import dev.dbq.dashboard.internal.Assets;
import dev.dbq.dashboard.internal.CrossSiteCheck;
import dev.dbq.dashboard.internal.Responses;
import dev.dbq.dashboard.internal.Settings;
import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqException;
import dev.dbq.runtime.WorkspaceException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dbq's web dashboard as one framework-free request handler: pages, their assets and a JSON API
 * over the runtime's API ({@link Dbq#jobs()}, {@link Dbq#findJob}, {@link Dbq#control()}, {@link
 * Dbq#queues()}, {@link Dbq#schedules()}, {@link Dbq#recentActivity}), with no SQL of its own.
 * Mount it in the application's own server under a path of its choosing ({@link DashboardServlet}),
 * or serve it alone ({@link DashboardServer}, {@code dbq dashboard}).
 *
 * <pre>{@code
 * Dashboard dashboard = Dashboard.builder(dbq)
 *     .allowWrites(true)                                  // read-only unless told
 *     .authorizer((action, request) -> isOperator(request.principal()))
 *     .build();
 * }</pre>
 *
 * <p>Safe by default: every action is refused until {@link Builder#allowWrites(boolean) writes are
 * allowed}, then asked of the {@link DashboardAuthorizer} per request; an action must come from the
 * dashboard's own page (a {@code Sec-Fetch-Site} or {@code Origin} of another site is refused) and
 * carry a JSON body (which no cross-site form can send); every response carries a {@code
 * Content-Security-Policy} of {@code default-src 'self'}, and the pages write data as text only.
 * Thread-safe: one instance serves every request.
 */
public final class Dashboard implements DashboardHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
  private static final String READ_ONLY =
      "the dashboard is read-only: allow writes to take actions (dbq dashboard --allow-writes, or"
          + " Dashboard.builder(dbq).allowWrites(true))";

  private final Settings settings;

  private Dashboard(Settings settings) {
    this.settings = settings;
  }

  /**
   * Starts a dashboard's configuration.
   *
   * @param dbq the queue to show and act on
   * @return a builder: read-only, every action allowed once writes are
   */
  public static Builder builder(Dbq dbq) {
    return new Builder(Objects.requireNonNull(dbq, "dbq"));
  }

  /**
   * Whether actions may run at all.
   *
   * @return the builder's {@link Builder#allowWrites(boolean)}
   */
  public boolean writesAllowed() {
    return settings.allowWrites();
  }

  @Override
  public DashboardResponse handle(DashboardRequest request) {
    try {
      return route(request);
    } catch (IllegalArgumentException | WorkspaceException e) {
      return Responses.error(400, e.getMessage());
    } catch (DbqException e) {
      LOG.warn("dashboard request {} {} failed", request.method(), request.path(), e);
      return Responses.error(503, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("dashboard request {} {} failed", request.method(), request.path(), e);
      return Responses.error(500, "the dashboard failed: " + e);
    }
  }

  private DashboardResponse route(DashboardRequest request) {
    String path = request.path();
    if (path.isEmpty()) {
      // relative links of the page need the mount point's trailing slash
      return Responses.redirect(request.basePath() + "/");
    }
    if (path.startsWith("/api/")) {
      return api(request, path.substring("/api/".length()));
    }
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      return Responses.error(405, request.method() + " is not allowed on " + path);
    }
    String asset = path.equals("/") ? "index.html" : path.substring(1);
    if (asset.startsWith("assets/")) {
      asset = asset.substring("assets/".length());
    } else if (!asset.equals("index.html")) {
      return Responses.error(404, "the dashboard has no page " + path);
    }
    Optional<DashboardResponse> found = Assets.get(asset);
    return found.orElseGet(() -> Responses.error(404, "the dashboard has no asset " + path));
  }

  private DashboardResponse api(DashboardRequest request, String path) {
    switch (request.method()) {
      case "GET":
        return ApiReads.get(settings, request, path)
            .orElseGet(() -> Responses.error(404, "the dashboard's API has no " + path));
      case "POST":
        return post(request, path);
      default:
        return Responses.error(405, request.method() + " is not allowed on api/" + path);
    }
  }

  private DashboardResponse post(DashboardRequest request, String path) {
    Optional<DashboardAction> action = ApiActions.actionOf(path);
    if (action.isEmpty()) {
      return Responses.error(404, "the dashboard's API has no action " + path);
    }
    Optional<String> crossSite = CrossSiteCheck.refusal(request);
    if (crossSite.isPresent()) {
      LOG.warn("dashboard refused {} {}: {}", request.method(), path, crossSite.get());
      return Responses.error(403, crossSite.get());
    }
    String type = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    if (!type.startsWith("application/json")) {
      return Responses.error(
          415, "an action takes a JSON body (Content-Type: application/json), was '" + type + "'");
    }
    if (!settings.allowWrites()) {
      return Responses.error(403, READ_ONLY);
    }
    String name = action.get().name().toLowerCase(Locale.ROOT);
    if (!settings.allows(action.get(), request)) {
      return Responses.error(
          403, "not allowed: " + name + " (refused by the dashboard's authorizer)");
    }
    DashboardResponse response = ApiActions.post(settings, request, path, action.get());
    LOG.info(
        "dashboard {} by {}: {}",
        name,
        request.principal().map(p -> p.getName()).orElse("(no user)"),
        response.text());
    return response;
  }

  /** A dashboard's configuration: read-only and allowing every action once writes are allowed. */
  public static final class Builder {
    private final Dbq dbq;
    private boolean allowWrites;
    private DashboardAuthorizer authorizer = DashboardAuthorizer.ALLOW_ALL;

    private Builder(Dbq dbq) {
      this.dbq = dbq;
    }

    /**
     * Lets actions run (retry, cancel, delete, run now, pause, resume, limit), each still asked of
     * the {@link #authorizer(DashboardAuthorizer) authorizer}.
     *
     * @param allow true to allow writes; false (the default) for a read-only dashboard
     * @return this builder
     */
    public Builder allowWrites(boolean allow) {
      this.allowWrites = allow;
      return this;
    }

    /**
     * Decides per request which actions may run.
     *
     * @param authorizer the application's rule; {@link DashboardAuthorizer#ALLOW_ALL} unless set
     * @return this builder
     */
    public Builder authorizer(DashboardAuthorizer authorizer) {
      this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
      return this;
    }

    /**
     * Seals the configuration.
     *
     * @return the dashboard
     */
    public Dashboard build() {
      return new Dashboard(new Settings(dbq, allowWrites, authorizer));
    }
  }
}
