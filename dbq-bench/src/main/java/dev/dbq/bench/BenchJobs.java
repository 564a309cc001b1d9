package dev.dbq.bench;

import dev.dbq.runtime.JobBuilder;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.JobMethod;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The benchmark's dbq jobs, defined by hand as a generated catalog would define them: {@code
 * bench_noop} (one step that does nothing) and {@code bench_three_steps}.
 */
final class BenchJobs {
  static final String NOOP = "bench_noop";
  static final String THREE_STEPS = "bench_three_steps";

  /** Steps run in this process, counted by the steps themselves. */
  static final AtomicLong STEPS = new AtomicLong();

  /** Called with the job id at the start of every step; replaced by the latency workload. */
  static volatile Consumer<UUID> onStepStart = id -> {};

  private static final JobMethod STEP =
      invocation -> {
        onStepStart.accept(invocation.context().id());
        STEPS.incrementAndGet();
        return invocation.workspace();
      };

  static final JobDefinition NOOP_JOB = JobDefinition.builder(NOOP).step("noop", STEP).build();

  static final JobDefinition THREE_STEPS_JOB =
      JobDefinition.builder(THREE_STEPS)
          .step("first", STEP)
          .step("second", STEP)
          .step("third", STEP)
          .build();

  static final JobCatalog CATALOG = JobCatalog.of(NOOP_JOB, THREE_STEPS_JOB);

  private BenchJobs() {}

  /** What the annotation processor would generate for these jobs: a fluent builder. */
  static final class Builder extends JobBuilder<Builder> {
    private Builder(JobDefinition definition) {
      super(definition);
    }

    Builder workspace(Map<String, ?> value) {
      return setWorkspace(value);
    }
  }

  static Builder noop() {
    return new Builder(NOOP_JOB).workspace(Map.of());
  }

  static Builder threeSteps() {
    return new Builder(THREE_STEPS_JOB).workspace(Map.of());
  }
}
