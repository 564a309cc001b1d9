package com.example.mail;

import dev.dbq.runtime.Invocation;
import dev.dbq.runtime.JobDefinition;
import javax.annotation.processing.Generated;

/**
 * The definition of job {@code send-digest}, declared by {@link Mail#sendDigest}.
 *
 * <p>Generated next to the job so that it calls the job's methods directly, package-private
 * ones too. Enqueue the job with {@code Jobs.sendDigest()}.
 */
@Generated("dev.dbq.processor.DbqProcessor")
public final class Mail_SendDigest_DbqJob {
  /**
   * Job {@code send-digest}: its defaults, steps and hooks.
   */
  public static final JobDefinition DEFINITION = JobDefinition.builder("send-digest")
      .queue("mail")
      .priority(0)
      .maxAttempts(1)
      .step("sendDigest", Mail_SendDigest_DbqJob::sendDigest)
      .build();

  private Mail_SendDigest_DbqJob() {
  }

  private static Object sendDigest(Invocation invocation) throws Throwable {
    Mail.sendDigest(invocation.context(), invocation.context().workspace());
    return invocation.workspace();
  }
}
