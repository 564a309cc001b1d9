package dev.dbq.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@link Dashboard} answers: a status, headers (security headers included) and a body, for
 * the adapter to write out as they are.
 *
 * @param status the HTTP status
 * @param headers the response headers, in the order to write them
 * @param body the body (empty for none)
 */
public record DashboardResponse(int status, Map<String, String> headers, byte[] body) {
  /**
   * Copies the components.
   *
   * @param status the HTTP status
   * @param headers the headers
   * @param body the body
   */
  public DashboardResponse {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = Objects.requireNonNull(body, "body").clone();
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
   * The body as text.
   *
   * @return the body decoded as UTF-8
   */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * One header.
   *
   * @param name its exact name
   * @return its value, or null
   */
  public String header(String name) {
    return headers.get(name);
  }
}
