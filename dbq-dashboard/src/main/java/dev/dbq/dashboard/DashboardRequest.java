package dev.dbq.dashboard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as the {@link Dashboard} reads it, whatever server received it: an adapter (the
 * {@link DashboardServlet}, the {@link DashboardServer}, an application's own) builds one and
 * writes back the {@link DashboardResponse}.
 *
 * @param method the HTTP method, upper case
 * @param path the path below the dashboard's mount point, starting with {@code /} (empty when the
 *     mount point itself was asked for without its trailing slash)
 * @param query the query string's parameters, decoded, each with its values in order
 * @param headers the request's headers, names in lower case, first value of each
 * @param body the request body (empty for none)
 * @param basePath the mount point's absolute path, without a trailing slash ({@code ""} at the
 *     root)
 * @param user the application's authenticated user, for the {@link DashboardAuthorizer}, or null
 */
public record DashboardRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, String> headers,
    byte[] body,
    String basePath,
    Principal user) {

  /**
   * Checks and copies the components; header names are made lower case.
   *
   * @param method the HTTP method
   * @param path the path below the mount point
   * @param query the query parameters
   * @param headers the headers
   * @param body the body
   * @param basePath the mount point
   * @param user the authenticated user, or null
   */
  public DashboardRequest {
    method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
    Objects.requireNonNull(path, "path");
    query = Map.copyOf(Objects.requireNonNull(query, "query"));
    Map<String, String> lower = new LinkedHashMap<>();
    Objects.requireNonNull(headers, "headers")
        .forEach((name, value) -> lower.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
    headers = Map.copyOf(lower);
    body = body == null ? new byte[0] : body.clone();
    basePath = basePath == null ? "" : basePath;
  }

  /**
   * A request without body or user, mounted at the root: what tests and simple adapters need.
   *
   * @param method the HTTP method
   * @param pathAndQuery the path below the mount point, with its query string if any
   * @param headers the headers
   * @return the request
   */
  public static DashboardRequest of(
      String method, String pathAndQuery, Map<String, String> headers) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? null : pathAndQuery.substring(q + 1);
    return new DashboardRequest(method, path, parseQuery(query), headers, null, "", null);
  }

  /**
   * Decodes a query string ({@code a=1&b=x%20y}) into its parameters.
   *
   * @param rawQuery the raw query string, or null for none
   * @return each parameter's values, in the order given
   */
  public static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  /**
   * One header.
   *
   * @param name its name, in any case
   * @return its first value, or empty
   */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /**
   * One query parameter.
   *
   * @param name its name
   * @return its first non-blank value, or empty
   */
  public Optional<String> param(String name) {
    return params(name).stream().filter(v -> !v.isBlank()).findFirst();
  }

  /**
   * Every value of a query parameter.
   *
   * @param name its name
   * @return its values, in order; empty when absent
   */
  public List<String> params(String name) {
    return query.getOrDefault(name, List.of());
  }

  /**
   * The body.
   *
   * @return a copy of the body's bytes
   */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * The authenticated user.
   *
   * @return the user the adapter gave, or empty
   */
  public Optional<Principal> principal() {
    return Optional.ofNullable(user);
  }
}
