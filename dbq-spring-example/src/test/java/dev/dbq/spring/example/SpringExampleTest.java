package dev.dbq.spring.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbq.runtime.JobState;
import dev.dbq.spring.autoconfigure.DbqWorkerLifecycle;
import dev.dbq.testsupport.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Spring Boot commands, end to end on the embedded PostgreSQL default: the application
 * starts, takes an order over HTTP, its worker runs the fulfilment through its three steps, the
 * dashboard at {@code /dbq/} shows it, and the application stops gracefully.
 */
class SpringExampleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dataDirectory;

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder post(int port, String path, String body) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static HttpRequest.Builder get(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
  }

  @Test
  void anOrderPostedOverHttpIsFulfilledThroughItsStepsAndTheApplicationStopsGracefully()
      throws Exception {
    DbqWorkerLifecycle worker;
    try (RunningExample app = SpringExampleApp.start(Map.of(), dataDirectory, "--server.port=0")) {
      int port = app.port();
      worker = app.context().getBean(DbqWorkerLifecycle.class);
      assertTrue(worker.isRunning(), "the worker started with the application");

      HttpResponse<String> placed =
          send(post(port, "/orders", "{\"customer\": \"ada\", \"items\": 3}"));

      assertEquals(202, placed.statusCode(), placed.body());
      String order = JSON.readTree(placed.body()).get("orderId").asText();
      Await.until(
          "order " + order + " to be shipped and its job complete",
          () -> {
            JsonNode shown = JSON.readTree(send(get(port, "/orders/" + order)).body());
            return shown.get("status").asText().equals("SHIPPED")
                && shown.path("job").path("state").asText().equals(JobState.COMPLETE.name());
          },
          Duration.ofSeconds(60));
      JsonNode shown = JSON.readTree(send(get(port, "/orders/" + order)).body());
      assertEquals(3, shown.get("job").get("nextStep").asInt(), "all three steps ran");

      JsonNode health = JSON.readTree(send(get(port, "/actuator/health")).body());
      assertEquals("UP", health.at("/components/dbq/status").asText(), health.toString());
      JsonNode dbq = JSON.readTree(send(get(port, "/actuator/dbq")).body());
      assertEquals(1, dbq.at("/queues/orders/jobs/COMPLETE").asInt(), dbq.toString());
      HttpResponse<String> dashboard = send(get(port, "/dbq/"));
      assertEquals(200, dashboard.statusCode(), "the dashboard on the application's own port");
      JsonNode complete =
          JSON.readTree(send(get(port, "/dbq/api/jobs?queue=orders&state=COMPLETE")).body());
      assertEquals(1, complete.get("jobs").size(), complete.toString());
      assertEquals(
          403,
          send(post(port, "/dbq/api/queues/orders/pause", "{}")).statusCode(),
          "the dashboard is read-only");
      assertEquals(
          405,
          send(post(port, "/actuator/dbq", "{\"action\": \"pause\", \"queue\": \"orders\"}"))
              .statusCode(),
          "write operations are off unless enabled");
      assertEquals(
          400, send(post(port, "/orders", "{\"customer\": \"\", \"items\": 1}")).statusCode());
    }
    assertFalse(worker.isRunning(), "the worker stopped with the context");
    assertTrue(worker.worker().isEmpty(), "and was let go");
  }

  @Test
  void withWriteOperationsEnabledTheEndpointPausesAQueueOverHttp() throws Exception {
    try (RunningExample app =
        SpringExampleApp.start(
            Map.of(),
            dataDirectory,
            "--server.port=0",
            "--dbq.worker.enabled=false",
            "--dbq.actuator.write-operations.enabled=true")) {
      int port = app.port();

      HttpResponse<String> paused =
          send(post(port, "/actuator/dbq", "{\"action\": \"pause\", \"queue\": \"orders\"}"));

      assertEquals(200, paused.statusCode(), paused.body());
      JsonNode dbq = JSON.readTree(send(get(port, "/actuator/dbq")).body());
      assertTrue(dbq.at("/queues/orders/paused").asBoolean(), dbq.toString());
      HttpResponse<String> unknown =
          send(post(port, "/actuator/dbq", "{\"action\": \"drop\", \"queue\": \"orders\"}"));
      assertEquals(400, unknown.statusCode(), unknown.body());
    }
  }
}
