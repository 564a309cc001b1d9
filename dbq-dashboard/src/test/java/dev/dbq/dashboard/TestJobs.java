package dev.dbq.dashboard;

import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The jobs of these tests: {@code import} fails while {@link #SOURCE_DOWN} is set (then succeeds on
 * a retry), {@code two} has two steps, {@code hostile} always fails with markup in its message.
 */
final class TestJobs {
  /** Whether {@code import}'s source is down: its step throws while it is. */
  static final AtomicBoolean SOURCE_DOWN = new AtomicBoolean(true);

  /**
   * Holds a running {@code import} (source up) until a test opens it, so that a browser test sees
   * the job running before it completes; open unless a test closes it.
   */
  static final AtomicReference<CountDownLatch> GATE = new AtomicReference<>(new CountDownLatch(0));

  private static final long GATE_BOUND_SECONDS = 30;

  static final JobDefinition IMPORT =
      JobDefinition.builder("import")
          .queue("imports")
          .step(
              "fetch",
              call -> {
                if (SOURCE_DOWN.get()) {
                  throw new IllegalStateException("source down: connection refused");
                }
                if (!GATE.get().await(GATE_BOUND_SECONDS, TimeUnit.SECONDS)) {
                  throw new IllegalStateException("the test never opened the gate");
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
