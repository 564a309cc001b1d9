package dev.dbq.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbq.example.seedhooks.Jobs;
import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.JobInfo;
import dev.dbq.runtime.JobState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * django-db-queue's hook semantics, checked black-box: jobs compiled by the real processor, run by
 * a worker started from the command line ({@code DbqCli worker}) in a process of its own, and read
 * back from the rows it saved.
 */
class SeedHookSemanticsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dataDirectory;
  private static EmbeddedDatabase embedded;
  private static String adminUrl;
  private static String database;
  private static String url;

  @BeforeAll
  static void database() throws Exception {
    String fromEnv = System.getenv("DBQ_TEST_JDBC_URL");
    if (fromEnv == null || fromEnv.isBlank()) {
      embedded = EmbeddedDatabase.start(dataDirectory);
      adminUrl = embedded.jdbcUrl();
    } else {
      adminUrl = fromEnv;
    }
    database = "dbq_seed_hooks_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    url = adminUrl.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
    if (embedded != null) {
      embedded.close();
    }
  }

  @Test
  void failureAndPostStepHookEditsAreSavedInTheSeedsOrder() throws Exception {
    UUID stepFails;
    UUID preFails;
    UUID succeeds;
    try (Dbq dbq = Dbq.connect(url)) {
      dbq.migrate();
      stepFails = Jobs.seedStepFails().enqueue(dbq);
      preFails = Jobs.seedPreStepFails().enqueue(dbq);
      succeeds = Jobs.seedSucceeds().enqueue(dbq);
    }

    runWorkerFromTheCommandLine();

    try (Dbq dbq = Dbq.connect(url)) {
      JobInfo failed = dbq.findJob(stepFails).orElseThrow();
      assertEquals(JobState.FAILED, failed.state());
      assertEquals("step broke", failed.lastError());
      JsonNode ws = JSON.readTree(failed.workspace());
      // the post-step hook runs after the failure hook, and both hooks' edits are saved
      assertEquals(
          List.of("step:PROCESSING", "failure:FAILED", "post:FAILED"), order(ws), ws.toString());
      assertEquals("step broke", ws.get("failure_saw").asText());

      JobInfo pre = dbq.findJob(preFails).orElseThrow();
      assertEquals(JobState.FAILED, pre.state());
      assertEquals("not ready", pre.lastError());
      JsonNode preWs = JSON.readTree(pre.workspace());
      // a throwing pre-step hook fails the job before its step; the hooks' edits are saved
      assertEquals(
          List.of("pre:PROCESSING", "failure:FAILED", "post:FAILED"),
          order(preWs),
          preWs.toString());

      JobInfo done = dbq.findJob(succeeds).orElseThrow();
      assertEquals(JobState.COMPLETE, done.state());
      assertEquals(
          List.of("first:PROCESSING", "post:READY", "second:PROCESSING", "post:COMPLETE"),
          order(JSON.readTree(done.workspace())));
    }
  }

  private static List<String> order(JsonNode workspace) {
    return JSON.convertValue(
        workspace.get("order"),
        JSON.getTypeFactory().constructCollectionType(List.class, String.class));
  }

  private static void runWorkerFromTheCommandLine() throws Exception {
    Path log = Files.createTempFile(dataDirectory, "worker", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.dbq.runtime.DbqCli",
                "worker",
                "seed_hooks",
                "--exit-when-empty")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("DBQ_JDBC_URL", url);
    Process worker = pb.start();
    boolean exited = worker.waitFor(120, TimeUnit.SECONDS);
    String output = Files.readString(log, StandardCharsets.UTF_8);
    if (!exited) {
      worker.destroyForcibly();
    }
    assertTrue(exited, "the worker did not exit within 120 s:\n" + output);
    assertEquals(0, worker.exitValue(), output);
  }
}
