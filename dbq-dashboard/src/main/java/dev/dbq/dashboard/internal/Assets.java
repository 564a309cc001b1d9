package dev.dbq.dashboard.internal;

import dev.dbq.dashboard.DashboardResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The front end, bundled in the jar under {@code dev/dbq/dashboard/assets/}: plain ES modules, CSS
 * and the page. No CDN: the dashboard works offline and under a strict CSP. Names are checked
 * against a narrow pattern before any resource is looked up, so no path leaves the folder.
 */
public final class Assets {
  private static final String FOLDER = "/dev/dbq/dashboard/assets/";
  private static final Pattern NAME =
      Pattern.compile("[a-z0-9_-]+(/[a-z0-9_-]+)*\\.(js|css|html|svg)");
  private static final Map<String, String> TYPES =
      Map.of(
          "js", "text/javascript",
          "css", "text/css",
          "html", "text/html",
          "svg", "image/svg+xml");
  private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

  private Assets() {}

  /**
   * @param name the asset's name below the folder, e.g. {@code pages/jobs.js}
   * @return the asset, or empty when there is none of that name
   */
  public static Optional<DashboardResponse> get(String name) {
    if (!NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    byte[] body = CACHE.computeIfAbsent(name, Assets::read);
    if (body.length == 0) {
      return Optional.empty();
    }
    String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    // the page is small and names the modules; revalidating keeps an upgrade from mixing versions
    return Optional.of(Responses.of(200, type, body, "no-cache"));
  }

  private static byte[] read(String name) {
    try (InputStream in = Assets.class.getResourceAsStream(FOLDER + name)) {
      return in == null ? new byte[0] : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboard's asset " + name, e);
    }
  }
}
