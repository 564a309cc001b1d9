package test;

import dev.dbq.runtime.Invocation;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.JobState;
import dev.dbq.runtime.Uniqueness;
import java.time.Duration;
import java.util.EnumSet;
import javax.annotation.processing.Generated;

/**
 * The definition of job {@code invoicing}, declared by {@link Invoicing}.
 *
 * <p>Generated next to the job so that it calls the job's methods directly, package-private
 * ones too. Enqueue the job with {@code Jobs.invoicing()}.
 */
@Generated("dev.dbq.processor.DbqProcessor")
public final class Invoicing_DbqJob {
  /**
   * Job {@code invoicing}: its defaults, steps and hooks.
   */
  public static final JobDefinition DEFINITION = JobDefinition.builder("invoicing")
      .queue("default")
      .priority(0)
      .maxAttempts(1)
      .workspaceType(Invoicing.Invoice.class)
      .step("send", Invoicing_DbqJob::send)
      .unique(Uniqueness.byFields("customerId", "month").period(Duration.ofDays(1))
          .refusingIn(EnumSet.of(JobState.NEW, JobState.READY, JobState.PROCESSING,
          JobState.STOPPING, JobState.COMPLETE, JobState.FAILED)))
      .build();

  private Invoicing_DbqJob() {
  }

  private static Object send(Invocation invocation) throws Throwable {
    Invoicing.send(invocation.workspace(Invoicing.Invoice.class));
    return invocation.workspace();
  }
}
