package dev.dbq.example;

import dev.dbq.annotation.CreationHook;
import dev.dbq.annotation.FailureHook;
import dev.dbq.annotation.Job;
import dev.dbq.annotation.PostStepHook;
import dev.dbq.annotation.PreStepHook;
import dev.dbq.annotation.Step;
import dev.dbq.runtime.JobContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A multi-step import with a typed workspace and all four hooks. A batch whose source is {@code
 * "broken"} fails in its first step, to show the failure hook.
 */
@Job(name = "import_cats", queue = "imports", priority = 1)
public class ImportCats {

  /**
   * Sources that do not answer in this process. The demo marks {@code broken} so, an outage its
   * worker meets; a worker started later ({@code java -jar dbq-example.jar worker imports}) no
   * longer meets it, so a retried job completes there, as after a real outage is over.
   */
  static final Set<String> UNREACHABLE = ConcurrentHashMap.newKeySet();

  /** Runs before the insert, in the enqueuing process: normalizes the source. */
  @CreationHook
  CatBatch normalize(CatBatch batch) {
    return new CatBatch(batch.source().trim().toLowerCase(Locale.ROOT), batch.names(), 0);
  }

  /**
   * Step 1: fetch the names (a real import would call an API here, so it gets a timeout: an attempt
   * still running after a minute is interrupted and fails).
   */
  @Step(order = 1, timeout = "1m")
  CatBatch fetch(JobContext job, CatBatch batch) {
    DemoCounters.stepRan(); // a step that fails ran too, as the worker counts it
    if (UNREACHABLE.contains(batch.source())) {
      throw new IllegalStateException("source 'broken' did not answer");
    }
    return new CatBatch(batch.source(), List.of("Tom", "Felix", "Garfield"), 0);
  }

  /** Step 2: store them; idempotent, as every step should be. */
  @Step(order = 2)
  CatBatch store(JobContext job, CatBatch batch) {
    DemoCounters.stepRan();
    job.logger().info("stored {} cats from {}", batch.names().size(), batch.source());
    return new CatBatch(batch.source(), batch.names(), batch.names().size());
  }

  @PreStepHook
  void before(JobContext job) {
    job.logger().debug("starting step {}", job.step());
  }

  @PostStepHook
  void after(JobContext job) {
    job.logger().debug("finished step {}", job.step());
  }

  @FailureHook
  void failed(JobContext job, CatBatch batch, Exception failure) {
    job.logger().warn("import from {} failed: {}", batch.source(), failure.getMessage());
  }
}
