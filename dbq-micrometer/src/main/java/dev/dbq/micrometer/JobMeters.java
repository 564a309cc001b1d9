package dev.dbq.micrometer;

import static dev.dbq.micrometer.MeterNames.JOB;
import static dev.dbq.micrometer.MeterNames.OUTCOME;
import static dev.dbq.micrometer.MeterNames.QUEUE;
import static dev.dbq.micrometer.MeterNames.STEP;

import dev.dbq.runtime.DbqEvent;
import dev.dbq.runtime.JobState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The meters of one job in one queue, all registered when this is made: the counters and timers a
 * dashboard shows at zero before the job first runs, and one timer per step and outcome.
 */
final class JobMeters {
  final Counter enqueued;
  final Counter retries;
  final Counter rescued;
  final Timer startDelay;
  final LongTaskTimer active;
  private final MeterRegistry registry;
  private final Tags tags;
  // registered up front for a unique job, else at its first duplicate (a job the catalog did not
  // declare unique, enqueued by another application's definition)
  private volatile Counter duplicates;
  private final Timer completed;
  private final Timer failed;
  private final Timer cancelled;
  // [step index] -> outcome -> timer; steps the catalog does not know share the last entry
  private final List<Map<DbqEvent.StepResult, Timer>> steps;

  JobMeters(
      MeterRegistry registry, String job, String queue, List<String> stepNames, boolean unique) {
    this.registry = registry;
    Tags tags = Tags.of(JOB, job, QUEUE, queue);
    this.tags = tags;
    if (unique) {
      duplicates = registerDuplicates();
    }
    enqueued =
        Counter.builder(MeterNames.ENQUEUED)
            .description("jobs enqueued")
            .tags(tags)
            .register(registry);
    retries =
        Counter.builder(MeterNames.RETRIES)
            .description("failed steps whose retry was saved")
            .tags(tags)
            .register(registry);
    rescued =
        Counter.builder(MeterNames.RESCUED)
            .description("runs lost (their worker's lease lapsed) and returned to READY")
            .tags(tags)
            .register(registry);
    startDelay =
        Timer.builder(MeterNames.START_DELAY)
            .description("from a job's being runnable (created or run_after) to its first claim")
            .tags(tags)
            .register(registry);
    active =
        LongTaskTimer.builder(MeterNames.ACTIVE)
            .description("steps running now")
            .tags(tags)
            .register(registry);
    completed = jobDuration(registry, tags, "complete");
    failed = jobDuration(registry, tags, "failed");
    cancelled = jobDuration(registry, tags, "cancelled");
    List<String> names = stepNames.isEmpty() ? List.of("?") : stepNames;
    steps =
        names.stream()
            .map(
                step -> {
                  Map<DbqEvent.StepResult, Timer> byResult =
                      new EnumMap<>(DbqEvent.StepResult.class);
                  for (DbqEvent.StepResult result : DbqEvent.StepResult.values()) {
                    byResult.put(
                        result,
                        Timer.builder(MeterNames.STEP_DURATION)
                            .description("a step's run with its hooks")
                            .tags(tags)
                            .tag(STEP, step)
                            .tag(OUTCOME, outcome(result))
                            .register(registry));
                  }
                  return byResult;
                })
            .toList();
  }

  Counter duplicates() {
    Counter counter = duplicates;
    if (counter == null) {
      // Micrometer returns the counter already registered under these tags
      counter = registerDuplicates();
      duplicates = counter;
    }
    return counter;
  }

  private Counter registerDuplicates() {
    return Counter.builder(MeterNames.DUPLICATES)
        .description("enqueues refused as duplicates of a unique job waiting or running")
        .tags(tags)
        .register(registry);
  }

  Timer step(int index, DbqEvent.StepResult result) {
    return steps.get(Math.min(Math.max(index, 0), steps.size() - 1)).get(result);
  }

  /** The job-duration timer of a final state, or null for a state that has none. */
  Timer ended(JobState state) {
    return switch (state) {
      case COMPLETE -> completed;
      case FAILED -> failed;
      case CANCELLED -> cancelled;
      default -> null;
    };
  }

  static String outcome(DbqEvent.StepResult result) {
    return switch (result) {
      case SUCCEEDED -> "succeeded";
      case RETRYING -> "retrying";
      case FAILED -> "failed";
      case CANCELLED -> "cancelled";
      case LOST -> "lost";
    };
  }

  private static Timer jobDuration(MeterRegistry registry, Tags tags, String outcome) {
    return Timer.builder(MeterNames.JOB_DURATION)
        .description("from a job's creation to its final state")
        .tags(tags)
        .tag(OUTCOME, outcome)
        .register(registry);
  }
}
