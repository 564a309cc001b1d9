package dev.dbq.dashboard;

import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The jobs of these tests: {@code import} fails while {@link #SOURCE_DOWN} is set (then succeeds on
 * a retry), {@code two} has two steps, {@code hostile} always fails with markup in its message.
 */
final class TestJobs {
  /** Whether {@code import}'s source is down: its step throws while it is. */
  static final AtomicBoolean SOURCE_DOWN = new AtomicBoolean(true);

  static final JobDefinition IMPORT =
      JobDefinition.builder("import")
          .queue("imports")
          .step(
              "fetch",
              call -> {
                if (SOURCE_DOWN.get()) {
                  throw new IllegalStateException("source down: connection refused");
                }
                return null;
              })
          .build();
  static final JobDefinition TWO =
      JobDefinition.builder("two").step("a", call -> null).step("b", call -> null).build();
  static final JobDefinition HOSTILE =
      JobDefinition.builder("hostile")
          .step(
              "only",
              call -> {
                throw new IllegalStateException("<img src=x onerror=window.pwned=1>");
              })
          .build();
  static final JobCatalog CATALOG = JobCatalog.of(HOSTILE, IMPORT, TWO);

  private TestJobs() {}

  static Job job(JobDefinition definition) {
    return new Job(definition).with(Map.of());
  }

  static Job job(JobDefinition definition, Map<String, ?> workspace) {
    return new Job(definition).with(workspace);
  }

  static List<JobDefinition> all() {
    return CATALOG.jobs();
  }
}
