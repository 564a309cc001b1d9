package dev.dbq.example;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.JobInfo;
import dev.dbq.runtime.JobState;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/** Prints one line whenever one of the demo's jobs changes state or step. */
final class StateWatcher {
  private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

  private final Dbq dbq;
  private final List<UUID> ids;
  private final PrintStream out;
  private final Map<UUID, JobState> states = new LinkedHashMap<>();
  private final Map<UUID, Integer> steps = new LinkedHashMap<>();

  StateWatcher(Dbq dbq, List<UUID> ids, PrintStream out) {
    this.dbq = dbq;
    this.ids = ids;
    this.out = out;
  }

  /** Watches until every job is COMPLETE or FAILED; false when the time limit ran out first. */
  boolean watchUntilAllFinal(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      boolean allFinal = true;
      for (UUID id : ids) {
        Optional<JobInfo> job = dbq.findJob(id);
        if (job.isEmpty()) {
          continue;
        }
        JobInfo info = job.get();
        JobState before = states.put(id, info.state());
        Integer stepBefore = steps.put(id, info.nextStep());
        if (before != info.state() || !Integer.valueOf(info.nextStep()).equals(stepBefore)) {
          out.println(describe(info));
        }
        allFinal &= info.state().isFinal();
      }
      if (allFinal) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  Map<UUID, JobState> states() {
    return states;
  }

  private static String describe(JobInfo job) {
    String line =
        String.format(
            "%-20s %s  queue=%-7s priority=%d  %-10s next step=%d",
            job.name(),
            job.id().toString().substring(0, 8),
            job.queue(),
            job.priority(),
            job.state(),
            job.nextStep());
    return job.lastError() == null ? line : line + "  error=" + job.lastError();
  }
}
