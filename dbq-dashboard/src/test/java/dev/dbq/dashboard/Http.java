package dev.dbq.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Requests to a handler as the dashboard's own page sends them, and their JSON answers. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();

  private final DashboardHandler handler;

  Http(DashboardHandler handler) {
    this.handler = handler;
  }

  DashboardResponse get(String pathAndQuery) {
    return handler.handle(
        DashboardRequest.of("GET", pathAndQuery, Map.of("Sec-Fetch-Site", "same-origin")));
  }

  JsonNode getJson(String pathAndQuery) {
    DashboardResponse response = get(pathAndQuery);
    if (response.status() != 200) {
      throw new AssertionError(
          pathAndQuery + " answered " + response.status() + ": " + response.text());
    }
    return json(response);
  }

  /** A POST from the dashboard's own page: same origin, a JSON body. */
  DashboardResponse post(String path, String jsonBody) {
    return post(path, jsonBody, Map.of("Sec-Fetch-Site", "same-origin"));
  }

  DashboardResponse post(String path, String jsonBody, Map<String, String> extraHeaders) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.putAll(extraHeaders);
    return handler.handle(
        new DashboardRequest(
            "POST", path, Map.of(), headers, jsonBody.getBytes(StandardCharsets.UTF_8), "", null));
  }

  static JsonNode json(DashboardResponse response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
