package dev.dbq.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the workers did lately, from {@link Dbq#recentActivity(Duration)}: the step runs that ended
 * in a window, counted by outcome in equal buckets (a dashboard's throughput chart), and the
 * workers seen at work. Read from the step-run history, so a worker started with history off
 * ({@code --no-history}) is not counted.
 *
 * <p>The read is bounded: it looks at the latest {@link #MAX_RUNS} runs only, so that it costs the
 * same on a table of any size. When more runs than that ended in the window, {@link #complete()} is
 * false and the buckets before the oldest run read are undercounted.
 *
 * @param since the window's start (database clock), inclusive
 * @param until the window's end (database clock): when it was read
 * @param bucket the length of each bucket
 * @param buckets the window in order, oldest first, every bucket present (zero when nothing ended)
 * @param workers the workers that hold a job now or ended a run in the window, by id
 * @param complete whether every run of the window was read (false: more than {@link #MAX_RUNS})
 */
public record RecentActivity(
    Instant since,
    Instant until,
    Duration bucket,
    List<Bucket> buckets,
    List<WorkerSeen> workers,
    boolean complete) {

  /** The most step runs one read looks at, the latest by the order they were written. */
  public static final int MAX_RUNS = 50_000;

  /**
   * Copies the lists, so that the record cannot change.
   *
   * @param since the window's start
   * @param until the window's end
   * @param bucket the length of each bucket
   * @param buckets the buckets, oldest first
   * @param workers the workers seen
   * @param complete whether every run of the window was read
   */
  public RecentActivity {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(bucket, "bucket");
    buckets = List.copyOf(buckets);
    workers = List.copyOf(workers);
  }

  /**
   * The runs that ended in one bucket, by outcome.
   *
   * @param start the bucket's start (database clock)
   * @param succeeded runs whose step returned
   * @param failed runs that failed their job
   * @param retried runs that failed with attempts left
   * @param other runs lost, stopped or cancelled
   */
  public record Bucket(Instant start, long succeeded, long failed, long retried, long other) {
    /**
     * @return every run of the bucket
     */
    public long total() {
      return succeeded + failed + retried + other;
    }
  }

  /**
   * A worker seen at work.
   *
   * @param worker the worker's id, as {@link DbqWorker#workerId()} and {@link StepRun#worker()}
   * @param holding the jobs it holds now (PROCESSING or STOPPING)
   * @param lastRunEnded when its latest run in the window ended, or empty when none did
   */
  public record WorkerSeen(String worker, long holding, Optional<Instant> lastRunEnded) {
    /**
     * Checks the components.
     *
     * @param worker the worker's id
     * @param holding the jobs it holds now
     * @param lastRunEnded when its latest run in the window ended, or empty
     */
    public WorkerSeen {
      Objects.requireNonNull(worker, "worker");
      Objects.requireNonNull(lastRunEnded, "lastRunEnded");
    }
  }
}
