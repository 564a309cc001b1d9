package dev.dbq.dashboard.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbq.dashboard.DashboardResponse;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds every response of the dashboard, each with the same security headers: a strict CSP (every
 * asset is the dashboard's own; no inline script or style), no sniffing, no framing, no referrer.
 */
public final class Responses {
  /** The Content-Security-Policy of every response. */
  public static final String CSP =
      "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  static final ObjectMapper JSON = new ObjectMapper();

  private Responses() {}

  /** A JSON body; API answers are never cached (they are a live view). */
  public static DashboardResponse json(int status, Object value) {
    try {
      byte[] body = JSON.writeValueAsBytes(value);
      return of(status, "application/json", body, "no-store");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An error, as {@code {"error": message}}. */
  public static DashboardResponse error(int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    return json(status, body);
  }

  /** A redirect to an absolute path. */
  public static DashboardResponse redirect(String location) {
    Map<String, String> headers = securityHeaders();
    headers.put("Location", location);
    return new DashboardResponse(302, headers, new byte[0]);
  }

  /** Any body with its type. */
  public static DashboardResponse of(
      int status, String contentType, byte[] body, String cacheControl) {
    Map<String, String> headers = securityHeaders();
    // every body the dashboard serves is UTF-8 text (its SVG icon too)
    headers.put("Content-Type", contentType + "; charset=utf-8");
    headers.put("Cache-Control", cacheControl);
    return new DashboardResponse(status, headers, body);
  }

  private static Map<String, String> securityHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Security-Policy", CSP);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Referrer-Policy", "no-referrer");
    return headers;
  }
}
