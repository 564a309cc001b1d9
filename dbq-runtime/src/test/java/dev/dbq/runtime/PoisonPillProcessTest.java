package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lost-run bound counts every run that ends without a saved result, in real worker processes: a
 * step that exhausts the heap (a {@code -Xmx64m} worker) or calls {@code System.exit} is failed
 * after a bounded number of runs with a {@code last_error} that says why, and the jobs behind it
 * run.
 */
class PoisonPillProcessTest {
  /** The runs a poison pill gets: every claim up to maxAttempts (1) + MAX_LOST_RUNS. */
  private static final int RUNS = 1 + DbqWorker.MAX_LOST_RUNS;

  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();

  @BeforeEach
  void runLog() throws Exception {
    StoredJobs.execute(db.sql, "CREATE TABLE IF NOT EXISTS poison_run (job_id uuid NOT NULL)");
    StoredJobs.execute(db.sql, "TRUNCATE poison_run");
  }

  private record Exit(int status, String output) {}

  private static Exit runWorker(String... workerArgs) throws Exception {
    Path log = Files.createTempFile("dbq-poison", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx64m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PoisonWorkerMain.class.getName());
    command.add(db.database.url());
    command.addAll(List.of(workerArgs));
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the worker exits: " + Files.readString(log));
      return new Exit(p.exitValue(), Files.readString(log));
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  private static long runs(UUID job) {
    return new Sql(db.database)
        .count("SELECT count(*) FROM poison_run WHERE job_id = '" + job + "'");
  }

  @Test
  void aStepThatExhaustsTheHeapEveryRunIsFailedAfterTheBoundAndTheJobsBehindItRun()
      throws Exception {
    UUID pill = TestJobBuilder.named(PoisonWorkerMain.OOM).priority(5).enqueue(db.sql);
    UUID behind1 = TestJobBuilder.named(PoisonWorkerMain.PLAIN).enqueue(db.sql);
    UUID behind2 = TestJobBuilder.named(PoisonWorkerMain.PLAIN).enqueue(db.sql);

    Exit exit = runWorker("--exit-when-empty", "--concurrency", "1");

    assertEquals(0, exit.status(), exit.output());
    StoredJobs.Row row = StoredJobs.row(db.sql, pill);
    assertEquals(JobState.FAILED, row.state(), exit.output());
    assertTrue(row.lastError().contains("lost at least " + RUNS + " times"), row.lastError());
    assertEquals(RUNS, runs(pill), "every claim up to the bound ran the step once");
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, behind1));
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, behind2));
    assertTrue(exit.output().contains("the pool replaces it"), exit.output());
  }

  @Test
  void aStepRunningBesideOneThatCallsSystemExitFinishesAndIsSaved() throws Exception {
    UUID slow = TestJobBuilder.named(PoisonWorkerMain.SLOW).priority(5).enqueue(db.sql);
    UUID pill = TestJobBuilder.named(PoisonWorkerMain.EXIT).priority(4).enqueue(db.sql);

    Exit exit = runWorker("--concurrency", "2");

    assertEquals(1, exit.status(), exit.output());
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, slow), exit.output());
    assertEquals(JobState.READY, StoredJobs.state(db.sql, pill));
    assertEquals(1, StoredJobs.row(db.sql, pill).attempt());
  }

  @Test
  void aStepCallingSystemExitCountsItsRunAndTheWorkerExitsNonZeroSayingSo() throws Exception {
    UUID pill = TestJobBuilder.named(PoisonWorkerMain.EXIT).priority(5).enqueue(db.sql);
    UUID behind = TestJobBuilder.named(PoisonWorkerMain.PLAIN).enqueue(db.sql);

    Exit first = runWorker("--concurrency", "1");

    assertNotEquals(0, first.status(), first.output());
    assertTrue(first.output().contains("called System.exit"), first.output());
    assertTrue(first.output().contains("without a clean stop"), first.output());
    StoredJobs.Row row = StoredJobs.row(db.sql, pill);
    assertEquals(JobState.READY, row.state());
    assertEquals(1, row.attempt(), "the run was counted, not given back");
    assertTrue(row.lastError().contains("called System.exit"), row.lastError());

    // skip to the last run the bound allows: one more exit, then the next claim fails it unrun
    StoredJobs.execute(
        db.sql, "UPDATE dbq_job SET attempt = " + (RUNS - 1) + " WHERE id = '" + pill + "'");
    Exit again = runWorker("--concurrency", "1");
    assertNotEquals(0, again.status(), again.output());
    assertEquals(RUNS, StoredJobs.row(db.sql, pill).attempt());
    Exit last = runWorker("--exit-when-empty", "--concurrency", "1");

    assertEquals(0, last.status(), last.output());
    StoredJobs.Row failed = StoredJobs.row(db.sql, pill);
    assertEquals(JobState.FAILED, failed.state(), last.output());
    assertTrue(failed.lastError().contains("System.exit"), failed.lastError());
    assertTrue(failed.lastError().contains("lost at least " + RUNS + " times"), failed.lastError());
    assertEquals(2, runs(pill), "the step ran in the first two workers only");
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, behind));
  }
}
