package com.example.cats;

import dev.dbq.runtime.Invocation;
import dev.dbq.runtime.JobDefinition;
import java.time.Duration;
import javax.annotation.processing.Generated;

/**
 * The definition of job {@code import_cats}, declared by {@link ImportCats}.
 *
 * <p>Generated next to the job so that it calls the job's methods directly, package-private
 * ones too. Enqueue the job with {@code Jobs.importCats()}.
 */
@Generated("dev.dbq.processor.DbqProcessor")
public final class ImportCats_DbqJob {
  /**
   * Job {@code import_cats}: its defaults, steps and hooks.
   */
  public static final JobDefinition DEFINITION = JobDefinition.builder("import_cats")
      .queue("imports")
      .priority(5)
      .maxAttempts(3)
      .workspaceType(CatBatch.class)
      .step("fetch", ImportCats_DbqJob::fetch, Duration.ofSeconds(90))
      .step("store", ImportCats_DbqJob::store)
      .creationHook(ImportCats_DbqJob::creationHook)
      .preStepHook(ImportCats_DbqJob::preStepHook)
      .postStepHook(ImportCats_DbqJob::postStepHook)
      .failureHook(ImportCats_DbqJob::failureHook)
      .build();

  private ImportCats_DbqJob() {
  }

  private static Object fetch(Invocation invocation) throws Throwable {
    return invocation.instance(ImportCats.class, ImportCats::new).fetch(invocation.context(),
        invocation.workspace(CatBatch.class));
  }

  private static Object store(Invocation invocation) throws Throwable {
    ImportCats.store(invocation.workspace(CatBatch.class));
    return invocation.workspace();
  }

  private static Object creationHook(Invocation invocation) throws Throwable {
    return ImportCats.normalize(invocation.workspace(CatBatch.class));
  }

  private static Object preStepHook(Invocation invocation) throws Throwable {
    invocation.instance(ImportCats.class, ImportCats::new).before(invocation.context());
    return invocation.workspace();
  }

  private static Object postStepHook(Invocation invocation) throws Throwable {
    invocation.instance(ImportCats.class, ImportCats::new).after(invocation.context());
    return invocation.workspace();
  }

  private static Object failureHook(Invocation invocation) throws Throwable {
    ImportCats.failed(invocation.workspace(CatBatch.class),
        invocation.failure() instanceof Exception ? (Exception) invocation.failure() : new Exception(invocation.failure()));
    return invocation.workspace();
  }
}
