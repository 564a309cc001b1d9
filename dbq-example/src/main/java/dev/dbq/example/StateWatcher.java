package dev.dbq.example;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.JobInfo;
import dev.dbq.runtime.JobState;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * Prints one line whenever one of the demo's jobs changes state or step, and the log lines among
 * them in time order: before a log line is printed, the states are read again, so a state that
 * changed before the line was logged is printed before it.
 *
 * <p>Steps and attempts are counted from 1, as in every message of dbq ("step 1 of 2 (fetch)");
 * {@link JobInfo#nextStep()} is the 0-based index.
 */
final class StateWatcher {
  private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private final Dbq dbq;
  private final JobCatalog catalog;
  private final List<UUID> ids;
  private final PrintStream out;
  private final Clock clock = Clock.system(ZoneId.systemDefault());
  private final Map<UUID, JobInfo> seen = new LinkedHashMap<>();

  StateWatcher(Dbq dbq, JobCatalog catalog, List<UUID> ids, PrintStream out) {
    this.dbq = dbq;
    this.catalog = catalog;
    this.ids = ids;
    this.out = out;
  }

  /**
   * Watches until every job is COMPLETE, FAILED or CANCELLED; false when the time limit ran out
   * first.
   */
  boolean watchUntilAllFinal(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!look()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    return true;
  }

  /**
   * A log line, from {@link DemoLogAppender}: printed after the state changes that preceded it,
   * stamped like them with the time it is printed, so that the time column only goes forward.
   */
  synchronized void logged(String line) {
    look();
    out.print(DemoLogAppender.stamped(line));
  }

  synchronized Map<UUID, JobState> states() {
    Map<UUID, JobState> states = new LinkedHashMap<>();
    seen.forEach((id, job) -> states.put(id, job.state()));
    return states;
  }

  /** Prints what changed since the last look; true when every job is final. */
  synchronized boolean look() {
    boolean allFinal = true;
    for (UUID id : ids) {
      Optional<JobInfo> found = dbq.findJob(id);
      if (found.isEmpty()) {
        continue;
      }
      JobInfo job = found.get();
      JobInfo before = seen.put(id, job);
      if (before == null
          || before.state() != job.state()
          || before.nextStep() != job.nextStep()
          || before.attempt() != job.attempt()) {
        out.println(describe(job, before == null));
      }
      allFinal &= job.state().isFinal();
    }
    return allFinal;
  }

  private String describe(JobInfo job, boolean first) {
    String line =
        String.format(
            "%s  %-18s  %s  %-10s  %s",
            now(), job.name(), job.id().toString().substring(0, 8), job.state(), where(job));
    return first ? line + ", queue " + job.queue() + ", priority " + job.priority() : line;
  }

  private String now() {
    return TIME.format(LocalTime.now(clock));
  }

  /** Where the job is, in words: which step, by number and name, and which attempt. */
  private String where(JobInfo job) {
    JobDefinition definition = catalog.job(job.name()).orElseThrow();
    int count = definition.steps().size();
    int index = job.nextStep();
    String step =
        index < count
            ? "step "
                + (index + 1)
                + " of "
                + count
                + " ("
                + definition.steps().get(index).name()
                + ")"
            : "";
    String attempt = "attempt " + job.attempt() + " of " + definition.maxAttempts();
    return switch (job.state()) {
      case NEW, READY -> "next: " + step;
      case PROCESSING -> "running " + step + ", " + attempt;
      case STOPPING -> "stopping in " + step + ", " + attempt;
      case COMPLETE -> "all steps done (" + count + " of " + count + ")";
      case FAILED -> "failed in " + step + ", " + attempt + ": " + job.lastError();
      case CANCELLED -> "cancelled before " + step;
    };
  }
}
