package com.example.a;

import dev.dbq.runtime.Invocation;
import dev.dbq.runtime.JobDefinition;
import javax.annotation.processing.Generated;

/**
 * The definition of job {@code build}, declared by {@link JobBuilder}.
 *
 * <p>Generated next to the job so that it calls the job's methods directly, package-private
 * ones too. Enqueue the job with {@code Jobs.build()}.
 */
@Generated("dev.dbq.processor.DbqProcessor")
public final class JobBuilder_DbqJob {
  /**
   * Job {@code build}: its defaults, steps and hooks.
   */
  public static final JobDefinition DEFINITION = JobDefinition.builder("build")
      .queue("default")
      .priority(0)
      .maxAttempts(1)
      .workspaceType(JobBuilder.JobDefinition.class)
      .step("one", JobBuilder_DbqJob::one)
      .build();

  private JobBuilder_DbqJob() {
  }

  private static Object one(Invocation invocation) throws Throwable {
    return JobBuilder.one(invocation.workspace(JobBuilder.JobDefinition.class));
  }
}
