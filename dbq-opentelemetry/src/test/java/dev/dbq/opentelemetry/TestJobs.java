package dev.dbq.opentelemetry;

import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;

/**
 * The jobs of these tests, also registered in {@code META-INF/services} for the worker process of
 * {@link CrossProcessTracingTest}: {@code two} (two steps), {@code broken} (fails), {@code flaky}
 * (fails, one retry left), {@code nested} (opens a span of its own inside its step, with {@link
 * #stepTracer}), all in queue {@code default}.
 */
public final class TestJobs implements JobCatalog {
  /** The tracer {@code nested}'s step opens its span with; a test sets its own. */
  static volatile Tracer stepTracer = OpenTelemetry.noop().getTracer("test");

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
  static final JobDefinition NESTED =
      JobDefinition.builder("nested")
          .step(
              "inner",
              call -> {
                // no parent given: the current span, the step's process span, is its parent
                stepTracer.spanBuilder("inside the step").startSpan().end();
                return null;
              })
          .build();
  static final JobCatalog CATALOG = JobCatalog.of(BROKEN, FLAKY, NESTED, TWO);

  /** For {@link java.util.ServiceLoader}. */
  public TestJobs() {}

  @Override
  public List<JobDefinition> jobs() {
    return CATALOG.jobs();
  }
}
