package dev.dbq.spring.autoconfigure.dashboard;

import java.util.regex.Pattern;

/**
 * {@code dbq.dashboard.path} checked and made the mapping's stem: a path below the root, such as
 * {@code /dbq} or {@code /ops/dbq}, without a trailing slash. Why not the root: mapped there, the
 * dashboard would take every request of the application.
 */
final class DashboardPath {
  private static final Pattern PATH = Pattern.compile("(/[^/*?#;\\s]+)+/?");

  private DashboardPath() {}

  /**
   * @return the path without a trailing slash
   * @throws IllegalArgumentException naming the property and the rule when it is no such path
   */
  static String of(String path) {
    if (path == null || !PATH.matcher(path).matches()) {
      throw new IllegalArgumentException(
          "dbq.dashboard.path must be a path below the root such as /dbq (a leading slash, no"
              + " wildcard, '?', '#' or ';'), was '"
              + path
              + "'");
    }
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
