package dev.dbq.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.testsupport.FreshDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code dbq dashboard --port 0} in a process of its own, as an operator runs it: the runtime's
 * command finds this module on the class path, serves on 127.0.0.1 read-only unless {@code
 * --allow-writes}, and stops on SIGTERM.
 */
class DashboardCommandProcessTest {
  private static final Pattern STARTED =
      Pattern.compile("event=dashboard_started url=(http://127\\.0\\.0\\.1:\\d+/) writes=(\\w+)");

  @RegisterExtension static final FreshDatabase db = new FreshDatabase();

  private final HttpClient http = HttpClient.newHttpClient();

  private Process start(String... options) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.dbq.runtime.DbqCli",
                "dashboard",
                "--port",
                "0"));
    command.addAll(List.of(options));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("DBQ_JDBC_URL", db.url());
    return builder.start();
  }

  private static Matcher started(Process process) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    // a bounded read: the first lines, until the command says where it serves
    for (int i = 0; i < 50; i++) {
      String line = out.readLine();
      if (line == null) {
        break;
      }
      seen.append(line).append('\n');
      Matcher m = STARTED.matcher(line);
      if (m.find()) {
        return m;
      }
    }
    throw new AssertionError("the dashboard did not start:\n" + seen);
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theCommandServesThePageAndTheApiReadOnlyOnTheLoopbackAndStopsOnSigterm() throws Exception {
    Process process = start();
    try {
      Matcher m = started(process);
      assertEquals("false", m.group(2));
      String url = m.group(1);
      HttpResponse<String> page = get(url);
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("dbq dashboard"));
      assertEquals(
          "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
          page.headers().firstValue("Content-Security-Policy").orElseThrow());
      HttpResponse<String> config = get(url + "api/config");
      assertTrue(config.body().contains("\"writable\":false"), config.body());
      HttpResponse<String> retry =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "api/jobs/retry"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"filter\":\"state=FAILED\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(403, retry.statusCode(), retry.body());
    } finally {
      process.destroy();
    }
    assertTrue(process.waitFor(20, TimeUnit.SECONDS), "SIGTERM stops the dashboard");
  }

  @Test
  void allowWritesIsSaidAtStartAndLetsActionsRun() throws Exception {
    Process process = start("--allow-writes");
    try {
      Matcher m = started(process);
      assertEquals("true", m.group(2));
      HttpResponse<String> pause =
          http.send(
              HttpRequest.newBuilder(URI.create(m.group(1) + "api/queues/mail/pause"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, pause.statusCode(), pause.body());
      assertTrue(db.dbq().queues().get("mail").paused());
    } finally {
      process.destroy();
    }
    assertTrue(process.waitFor(20, TimeUnit.SECONDS));
  }
}
