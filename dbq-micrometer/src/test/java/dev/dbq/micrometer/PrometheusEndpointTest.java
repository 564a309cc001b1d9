package dev.dbq.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.testsupport.FreshDatabase;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dbq worker --metrics-port N}: a worker process started as the command line starts it
 * serves Prometheus text on 127.0.0.1:N/metrics, with every meter registered before any job ran.
 */
class PrometheusEndpointTest {
  private static final Duration BOUND = Duration.ofSeconds(30);

  @RegisterExtension static final FreshDatabase db = new FreshDatabase();

  @TempDir Path logs;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theWorkerCommandServesTheMetersOnTheMetricsPort() throws Exception {
    new Job(TestJobs.TWO).enqueue(db.dbq());
    new Job(TestJobs.BROKEN).enqueue(db.dbq());
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.dbq.runtime.DbqCli");
    command.add("worker");
    command.add("--metrics-port");
    command.add(Integer.toString(port));
    Path log = logs.resolve("worker.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("DBQ_JDBC_URL", db.url());
    Process worker = builder.start();
    try {
      String body = awaitScrape(port, worker, log, "dbq_job_duration_seconds_count{job=\"two\"");
      assertTrue(
          body.contains("dbq_jobs_enqueued_total{job=\"flaky\",queue=\"default\"} 0.0"),
          "registered before any run: " + body);
      assertTrue(
          body.contains(
              "dbq_step_duration_seconds_count{job=\"two\",outcome=\"succeeded\",queue=\"default\",step=\"b\"}"),
          body);
      assertTrue(body.contains("dbq_worker_slots{state=\"idle\"}"), body);
      assertTrue(body.contains("dbq_queue_depth{queue=\"default\",state=\"runnable\"}"), body);
      assertTrue(body.contains("dbq_queue_oldest_age_seconds{queue=\"default\"}"), body);
      awaitScrape(
          port,
          worker,
          log,
          "dbq_job_duration_seconds_count{job=\"broken\",outcome=\"failed\",queue=\"default\"} 1");
      awaitScrape(
          port,
          worker,
          log,
          "dbq_job_duration_seconds_count{job=\"two\",outcome=\"complete\",queue=\"default\"} 1");
    } finally {
      worker.destroy(); // SIGTERM: a graceful stop
      assertTrue(worker.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS), Files.readString(log));
    }
    assertEquals(0, worker.exitValue(), Files.readString(log));
  }

  /** Scrapes until the text holds {@code expected} (the worker starts, then runs the jobs). */
  private String awaitScrape(int port, Process worker, Path log, String expected) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + BOUND.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      if (!worker.isAlive()) {
        throw new AssertionError("the worker exited: " + Files.readString(log));
      }
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(
            response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        last = response.body();
        if (last.contains(expected)) {
          return last;
        }
      } catch (java.net.ConnectException notYet) {
        // the worker process is still starting
      }
      Thread.sleep(50); // a bounded poll of the endpoint, not a wait for time to pass
    }
    throw new AssertionError(
        "no " + expected + " in:\n" + last + "\nlog:\n" + Files.readString(log));
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
