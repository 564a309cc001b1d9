package dev.dbq.example;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.JobState;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The demo: enqueue a handful of jobs that use every feature, run a worker until they are done
 * while printing each state change as the events of the {@code Dbq} and the worker tell it, then
 * print a summary.
 */
final class Demo {
  private static final Duration TIME_LIMIT = Duration.ofSeconds(60);

  private Demo() {}

  static int run(Map<String, String> environment, PrintStream out) {
    // the demo's log lines (the migration's first) go to its output, in order with its own
    DemoLogAppender.toDemo(line -> out.print(DemoLogAppender.stamped(line)));
    try {
      return runDemo(environment, out);
    } finally {
      DemoLogAppender.toStderr();
    }
  }

  private static int runDemo(Map<String, String> environment, PrintStream out) {
    long started = System.nanoTime();
    try (Dbq dbq = Dbq.fromEnvironment(environment)) {
      dbq.migrate();
      // the state lines come from the events of the Dbq (enqueues) and the worker (steps)
      StateWatcher watcher = new StateWatcher(Jobs.catalog(), out);
      DemoLogAppender.toDemo(watcher::logged);
      dbq.addListener(watcher);
      // the default Dbq also hears the enqueue made in the application's own transaction
      Dbq.setDefault(dbq);
      enqueueDemoJobs(dbq, out);
      DbqWorker worker =
          DbqWorker.builder()
              .dbq(dbq)
              .catalog(Jobs.catalog())
              .queues("imports", "mail")
              .concurrency(2)
              .listener(watcher)
              .build();
      worker.start();
      boolean done;
      try {
        done = watcher.awaitAllFinal(TIME_LIMIT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        done = false;
      } finally {
        worker.close();
      }
      printSummary(watcher.states(), out, Duration.ofNanos(System.nanoTime() - started));
      if (!done) {
        out.println("Not every job finished within " + TIME_LIMIT.toSeconds() + " s.");
        return 1;
      }
      return 0;
    }
  }

  private static List<UUID> enqueueDemoJobs(Dbq dbq, PrintStream out) {
    List<UUID> ids = new ArrayList<>();
    // a typed workspace; the creation hook trims and lower-cases the source before the insert
    ids.add(Jobs.importCats().workspace(CatBatch.from("  Shelter-North ")).enqueue(dbq));
    // a higher priority than the job above: it runs first
    ids.add(Jobs.importCats().workspace(CatBatch.from("shelter-south")).priority(5).enqueue(dbq));
    // fails in its first step while its source is down: the failure hook runs and the job ends
    // FAILED (a worker started later meets no outage: `retry` it and it completes there)
    ImportCats.UNREACHABLE.add("broken");
    ids.add(Jobs.importCats().workspace(CatBatch.from("broken")).enqueue(dbq));
    // a single-method job with an untyped map workspace, on a second queue
    ids.add(Jobs.sendWelcomeEmail().workspace(Map.of("email", "ada@example.com")).enqueue(dbq));
    // a delayed job: waits two seconds before any worker may take it
    ids.add(
        Jobs.sendWelcomeEmail()
            .workspace(Map.of("email", "grace@example.com"))
            .runAfter(Duration.ofSeconds(2))
            .enqueue(dbq));
    // inside the application's own transaction: the job exists exactly when the data commits
    try (Connection connection = dbq.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      ids.add(
          Jobs.sendWelcomeEmail()
              .workspace(Map.of("email", "linus@example.com"))
              .enqueue(connection));
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot enqueue in a transaction", e);
    }
    out.println("Enqueued " + ids.size() + " jobs on queues 'imports' and 'mail'.");
    return ids;
  }

  private static void printSummary(Map<UUID, JobState> states, PrintStream out, Duration wallTime) {
    Map<JobState, Integer> perState = new EnumMap<>(JobState.class);
    states.values().forEach(s -> perState.merge(s, 1, Integer::sum));
    String rule = "+------------+---------+";
    out.println();
    out.println(rule);
    out.println(row("state", "jobs"));
    out.println(rule);
    perState.forEach((state, count) -> out.println(row(state.name(), Integer.toString(count))));
    out.println(rule);
    out.println(row("steps run", Integer.toString(DemoCounters.steps())));
    out.println(
        row("wall time", String.format(Locale.ROOT, "%.1f s", wallTime.toMillis() / 1000.0)));
    out.println(rule);
  }

  /** One row of the summary: a label left-aligned, a value right-aligned, fixed widths. */
  static String row(String label, String value) {
    return String.format("| %-10s | %7s |", label, value);
  }
}
