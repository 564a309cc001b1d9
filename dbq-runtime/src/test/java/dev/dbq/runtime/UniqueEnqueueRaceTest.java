package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The partial unique index holds under any concurrency: {@value #THREADS} threads of this JVM and
 * {@value #PROCESSES} other processes of {@value #PROCESS_THREADS} threads each enqueue the same
 * unique job at once, {@value #ROUNDS} times with a new key each time. Each time there is exactly
 * one row of the key, every caller is answered with that row's id, and exactly one caller is told
 * it inserted it (the others are flagged duplicates).
 */
class UniqueEnqueueRaceTest {
  private static final int THREADS = 16;
  private static final int PROCESSES = 2;
  private static final int PROCESS_THREADS = 4;
  private static final int ROUNDS = 5;

  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  /** A caller's answer. */
  private record Answer(UUID id, boolean duplicate) {}

  /** An enqueuing process and the ends of its pipes. */
  private record Enqueuer(Process process, Writer in, BufferedReader out) {}

  private static Enqueuer start() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(UniqueEnqueuerMain.class.getName());
    command.add(db.database.url());
    command.add(Integer.toString(PROCESS_THREADS));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new Enqueuer(
        p,
        new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8),
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
  }

  private static String expectLine(Enqueuer e) throws Exception {
    String line = e.out().readLine();
    if (line == null) {
      throw new AssertionError("enqueuing process ended early, exit " + e.process().waitFor());
    }
    return line;
  }

  @Test
  void sixteenThreadsAndTwoProcessesEnqueueingOneKeyAtOnceMakeExactlyOneRow() throws Exception {
    List<Enqueuer> processes = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int i = 0; i < PROCESSES; i++) {
        processes.add(start());
      }
      for (Enqueuer e : processes) {
        assertEquals("ready", expectLine(e));
      }
      for (int round = 1; round <= ROUNDS; round++) {
        long customer = 1000 + round;
        CyclicBarrier together = new CyclicBarrier(THREADS + 1);
        List<Future<EnqueueResult>> mine = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
          mine.add(
              pool.submit(
                  () -> {
                    together.await();
                    return TestJobBuilder.of(UniqueEnqueuerMain.DEFINITION)
                        .workspace(new UniqueEnqueuerMain.Invoice(customer, "test"))
                        .submit(db.dbq);
                  }));
        }
        // the processes' threads and ours start as close together as pipes allow
        for (Enqueuer e : processes) {
          e.in().write("go " + customer + "\n");
          e.in().flush();
        }
        together.await(30, TimeUnit.SECONDS);

        List<Answer> answers = new ArrayList<>();
        for (Future<EnqueueResult> f : mine) {
          EnqueueResult r = f.get(60, TimeUnit.SECONDS);
          answers.add(new Answer(r.id(), r.duplicate()));
        }
        for (Enqueuer e : processes) {
          for (int i = 0; i < PROCESS_THREADS; i++) {
            String[] parts = expectLine(e).split(" ");
            assertEquals("result", parts[0]);
            assertEquals(Long.toString(customer), parts[1]);
            answers.add(new Answer(UUID.fromString(parts[2]), Boolean.parseBoolean(parts[3])));
          }
        }

        List<String> rows =
            db.sql.column(
                "SELECT id FROM dbq_job WHERE name = '"
                    + UniqueEnqueuerMain.JOB
                    + "' AND (workspace->>'customerId')::bigint = "
                    + customer);
        assertEquals(1, rows.size(), "round " + round + ": exactly one row of the key");
        UUID row = UUID.fromString(rows.get(0));
        assertEquals(THREADS + PROCESSES * PROCESS_THREADS, answers.size());
        for (Answer a : answers) {
          assertEquals(row, a.id(), "round " + round + ": every caller gets the row's id");
        }
        assertEquals(
            1,
            answers.stream().filter(a -> !a.duplicate()).count(),
            "round " + round + ": one caller inserted, the others are flagged duplicates");
      }
      assertEquals(
          ROUNDS,
          db.sql.count(
              "SELECT count(*) FROM dbq_job WHERE name = '" + UniqueEnqueuerMain.JOB + "'"));
    } finally {
      pool.shutdownNow();
      for (Enqueuer e : processes) {
        e.in().close();
        assertTrue(e.process().waitFor(30, TimeUnit.SECONDS), "enqueuing process exits");
        assertEquals(0, e.process().exitValue());
      }
    }
  }
}
