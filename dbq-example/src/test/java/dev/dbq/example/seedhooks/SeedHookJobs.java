package dev.dbq.example.seedhooks;

import dev.dbq.annotation.FailureHook;
import dev.dbq.annotation.Job;
import dev.dbq.annotation.PostStepHook;
import dev.dbq.annotation.PreStepHook;
import dev.dbq.annotation.Step;
import dev.dbq.runtime.JobContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Jobs that record, in their own untyped workspace, what ran in which order and in which state, so
 * that a test can read django-db-queue's hook semantics back from the saved rows alone.
 */
public final class SeedHookJobs {
  private SeedHookJobs() {}

  @SuppressWarnings("unchecked")
  static void trace(JobContext job, String event) {
    Map<String, Object> ws = job.workspace();
    List<Object> order = (List<Object>) ws.computeIfAbsent("order", k -> new ArrayList<>());
    order.add(event + ":" + job.state());
  }

  /** A step that edits the workspace and then throws. */
  @Job(name = "seed_step_fails", queue = "seed_hooks")
  public static class StepFails {
    @Step(order = 1)
    void run(JobContext job) {
      trace(job, "step");
      throw new IllegalStateException("step broke");
    }

    @FailureHook
    void failed(JobContext job, Exception failure) {
      trace(job, "failure");
      job.workspace().put("failure_saw", failure.getMessage());
    }

    @PostStepHook
    void after(JobContext job) {
      trace(job, "post");
    }
  }

  /** A pre-step hook that throws: the step never runs. */
  @Job(name = "seed_pre_step_fails", queue = "seed_hooks")
  public static class PreStepFails {
    @PreStepHook
    void before(JobContext job) {
      trace(job, "pre");
      throw new IllegalStateException("not ready");
    }

    @Step(order = 1)
    void run(JobContext job) {
      trace(job, "step");
    }

    @FailureHook
    void failed(JobContext job, Exception failure) {
      trace(job, "failure");
    }

    @PostStepHook
    void after(JobContext job) {
      trace(job, "post");
    }
  }

  /** Two steps that succeed; the post-step hook's edits are saved after each. */
  @Job(name = "seed_succeeds", queue = "seed_hooks")
  public static class Succeeds {
    @Step(order = 1)
    void first(JobContext job) {
      trace(job, "first");
    }

    @Step(order = 2)
    void second(JobContext job) {
      trace(job, "second");
    }

    @PostStepHook
    void after(JobContext job) {
      trace(job, "post");
    }
  }
}
