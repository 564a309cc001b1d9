package dev.dbq.dashboard.internal;

import dev.dbq.dashboard.DashboardRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses state-changing requests that another site's page made the browser send (CSRF), as
 * Sidekiq's web UI does: a browser says where a request comes from in {@code Sec-Fetch-Site} (every
 * current browser), or else in {@code Origin}. A request with neither header comes from no browser
 * page (curl, a script) and carries no ambient cookie of the user's: it passes, to meet the
 * authorizer.
 */
public final class CrossSiteCheck {
  private CrossSiteCheck() {}

  /**
   * @return why the request is refused, or empty when it may proceed
   */
  public static Optional<String> refusal(DashboardRequest request) {
    Optional<String> site = request.header("Sec-Fetch-Site");
    if (site.isPresent()) {
      String value = site.get().toLowerCase(Locale.ROOT);
      // "none": the user typed it or used a bookmark; "same-origin": the dashboard's own page.
      // "same-site" is refused too: another port or subdomain is another application.
      if (value.equals("same-origin") || value.equals("none")) {
        return Optional.empty();
      }
      return Optional.of("cross-site request refused (Sec-Fetch-Site: " + site.get() + ")");
    }
    Optional<String> origin = request.header("Origin");
    if (origin.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> host = request.header("Host");
    if (host.isPresent() && authority(origin.get()).equalsIgnoreCase(host.get())) {
      return Optional.empty();
    }
    return Optional.of(
        "cross-site request refused (Origin "
            + origin.get()
            + " is not this dashboard's host "
            + host.orElse("(none)")
            + ")");
  }

  private static String authority(String origin) {
    try {
      String authority = URI.create(origin).getRawAuthority();
      return authority == null ? "" : authority;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
