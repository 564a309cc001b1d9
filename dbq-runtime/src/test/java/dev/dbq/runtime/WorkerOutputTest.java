package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a worker process started from the command line shows: with no SLF4J provider on its class
 * path (the README's {@code java -cp} command), its start, progress, failed jobs and stop on stderr
 * in one line each; with a backend, through it, without the pool's own INFO lines.
 */
class WorkerOutputTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final String STARTED =
      "INFO  worker W started: queues \\[default], concurrency 1, .*jobs \\[broken, greet, held]";

  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void withoutAnSlf4jProviderTheWorkerPrintsItsStartEachFailedJobAndItsStop() throws Exception {
    TestJobBuilder.named("broken").enqueue(db.sql);
    TestJobBuilder.named("greet").enqueue(db.sql);

    Process worker = start(withoutSlf4jProvider(), db.database.url(), "--exit-when-empty");

    assertEquals(0, exit(worker));
    List<String> lines = lines();
    assertEquals(5, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).matches(STARTED), lines.get(0));
    assertEquals(
        List.of(
            "ERROR [broken only] job ID broken failed in step 'only' (1 of 1), attempt 1 of 1: boom"
                + " (java.lang.IllegalStateException)",
            "INFO  [greet only] hello from greet",
            "INFO  worker W: nothing runnable is left; stopping",
            "INFO  worker W stopped after 2 step(s)"),
        lines.subList(1, 5));
  }

  @Test
  void theProgressLineShowsWhileAStepRunsAndTheStopLineOnSigterm() throws Exception {
    Path release = dir.resolve("release");
    TestJobBuilder.named("held")
        .workspace(Map.of("release", release.toString().replace("\\", "/")))
        .enqueue(db.sql);

    Process worker = start(withoutSlf4jProvider(), db.database.url(), "--progress", "1");
    Await.until(
        "a progress line for the step in flight",
        () ->
            lines().stream()
                .anyMatch(
                    l ->
                        l.matches(
                            "INFO  progress: 0 steps done \\(\\+0 in 1(\\.\\d)? s, 0\\.0/s\\), 0 jobs"
                                + " failed, 0 steps retried, 1 in flight")),
        BOUND);
    Files.createFile(release);
    Await.until(
        "a progress line for the step done",
        () ->
            lines().stream()
                .anyMatch(
                    l ->
                        l.matches(
                            "INFO  progress: 1 step done \\(\\+1 in [\\d.]+ s, [\\d.]+/s\\), 0 jobs"
                                + " failed, 0 steps retried, 0 in flight")),
        BOUND);
    worker.destroy(); // SIGTERM: the graceful stop

    assertEquals(0, exit(worker));
    List<String> lines = lines();
    assertTrue(lines.get(0).matches(STARTED), lines.get(0));
    assertEquals("INFO  worker W stopped after 1 step(s)", lines.get(lines.size() - 1));
    assertTrue(
        lines.subList(1, lines.size() - 1).stream().allMatch(l -> l.startsWith("INFO  progress: ")),
        String.join("\n", lines));
  }

  @Test
  void aDatabaseWithoutTheDbqTablesEndsTheWorkerWithExitOneAndOneLineNamingTheFix()
      throws Exception {
    try (TestDatabase bare = TestDatabase.create()) {
      Process worker = start(withoutSlf4jProvider(), bare.url());

      assertEquals(1, exit(worker));
      List<String> lines = lines();
      assertEquals(3, lines.size(), String.join("\n", lines));
      assertTrue(lines.get(0).matches(STARTED), lines.get(0));
      assertEquals(
          List.of(
              "ERROR worker W stops: the dbq tables do not exist in this database: run `dbq"
                  // the claim reads the queue settings first
                  + " migrate` (42P01: ERROR: relation \"dbq_queue\" does not exist)",
              "INFO  worker W stopped after 0 step(s)"),
          lines.subList(1, 3));
    }
  }

  @Test
  void withABackendTheLinesGoThroughItAndThePoolsOwnInfoLinesStayOut() throws Exception {
    Path config = dir.resolve("logback.xml");
    Files.writeString(
        config,
        "<configuration><appender name=\"E\" class=\"ch.qos.logback.core.ConsoleAppender\">"
            + "<target>System.err</target><encoder><pattern>%-5level %logger - %msg%n</pattern>"
            + "</encoder></appender><root level=\"INFO\"><appender-ref ref=\"E\"/></root>"
            + "</configuration>");
    TestJobBuilder.named("greet").enqueue(db.sql);

    Process worker =
        start(
            List.of("-Dlogback.configurationFile=" + config),
            System.getProperty("java.class.path"),
            db.database.url(),
            "--exit-when-empty");

    assertEquals(0, exit(worker));
    String log = Files.readString(dir.resolve("stderr"));
    assertTrue(log.contains("INFO  dev.dbq.runtime.ClaimLoop - worker "), log);
    assertTrue(log.contains("INFO  dev.dbq.job.greet - hello from greet"), log);
    assertFalse(log.contains("com.zaxxer.hikari"), log);
  }

  private static String withoutSlf4jProvider() {
    String path =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("logback"))
            .collect(Collectors.joining(File.pathSeparator));
    assertFalse(path.contains("slf4j-simple") || path.contains("slf4j-reload4j"), path);
    return path;
  }

  private Process start(String classPath, String url, String... args) throws IOException {
    return start(List.of(), classPath, url, args);
  }

  private Process start(List<String> jvmOptions, String classPath, String url, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath);
    command.add(OutputWorkerMain.class.getName());
    command.add(url);
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve("stdout").toFile())
            .redirectError(dir.resolve("stderr").toFile())
            .start();
    processes.add(p);
    return p;
  }

  private static int exit(Process p) throws InterruptedException {
    assertTrue(p.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS), "the worker exited");
    return p.exitValue();
  }

  /** Stderr without the times, worker ids and job ids that differ run to run. */
  private List<String> lines() throws IOException {
    Path err = dir.resolve("stderr");
    assertNotNull(err);
    if (!Files.exists(err)) {
      return List.of();
    }
    return Files.readAllLines(err).stream()
        .map(l -> l.replaceFirst("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ", ""))
        .map(l -> l.replaceAll("worker \\d+@\\S+?(:| )", "worker W$1"))
        .map(l -> l.replaceAll("job [0-9a-f-]{36}", "job ID"))
        .toList();
  }
}
