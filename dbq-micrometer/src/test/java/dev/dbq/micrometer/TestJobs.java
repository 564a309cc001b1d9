package dev.dbq.micrometer;

import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import java.util.List;

/**
 * The jobs of these tests, also registered in {@code META-INF/services} for the worker process that
 * {@code dbq worker --metrics-port} runs: {@code two} (two steps), {@code broken} (fails), {@code
 * flaky} (fails, one retry left), all in queue {@code default}.
 */
public final class TestJobs implements JobCatalog {
  static final JobDefinition TWO =
      JobDefinition.builder("two").step("a", call -> null).step("b", call -> null).build();
  static final JobDefinition BROKEN =
      JobDefinition.builder("broken")
          .step(
              "only",
              call -> {
                throw new IllegalStateException("boom");
              })
          .build();
  static final JobDefinition FLAKY =
      JobDefinition.builder("flaky")
          .maxAttempts(2)
          .step(
              "only",
              call -> {
                throw new IllegalStateException("not yet");
              })
          .build();
  static final JobCatalog CATALOG = JobCatalog.of(BROKEN, FLAKY, TWO);

  /** For {@link java.util.ServiceLoader}. */
  public TestJobs() {}

  @Override
  public List<JobDefinition> jobs() {
    return CATALOG.jobs();
  }
}
