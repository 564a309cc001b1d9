package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGTERM stops a worker process gracefully: the step in flight finishes and the exit code is 0.
 */
class WorkerSignalTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase(2);

  @Test
  void sigtermLetsTheStepInFlightFinishAndExitsZero() throws Exception {
    UUID id = TestJobBuilder.named("slow").enqueue(db.sql);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Path.of("target", "worker-signal-test.log");
    Process worker =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    SignalledWorkerMain.class.getName(),
                    db.database.url()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      // the step's own line, not the job's PROCESSING state: a job is PROCESSING from its claim,
      // and one signalled before its step started is handed back instead
      Await.until(
          "the step to start",
          () ->
              Files.exists(log) && Files.readString(log).contains(SignalledWorkerMain.STEP_STARTED),
          Duration.ofSeconds(60));

      worker.destroy(); // SIGTERM

      assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "worker exited");
      assertEquals(0, worker.exitValue());
      StoredJobs.Row row = StoredJobs.row(db.sql, id);
      assertEquals(JobState.COMPLETE, row.state());
      assertEquals("{\"finished\": true}", row.workspace());
    } finally {
      worker.destroyForcibly();
    }
  }
}
