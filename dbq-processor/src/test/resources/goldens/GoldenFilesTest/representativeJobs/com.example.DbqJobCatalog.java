package com.example;

import com.example.cats.ImportCats_DbqJob;
import com.example.mail.Mail_SendDigest_DbqJob;
import com.example.reports.Reports_ReportBuild_DbqJob;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Every job of this compilation, sorted by name. Registered in {@code META-INF/services/dev.dbq.runtime.JobCatalog} so that a
 * worker finds it on the class path; {@code Jobs.catalog()} returns it too.
 */
@Generated("dev.dbq.processor.DbqProcessor")
public final class DbqJobCatalog implements JobCatalog {
  private static final List<JobDefinition> JOBS = List.of(
      ImportCats_DbqJob.DEFINITION,
      Reports_ReportBuild_DbqJob.DEFINITION,
      Mail_SendDigest_DbqJob.DEFINITION);

  /**
   * For {@link java.util.ServiceLoader}.
   */
  public DbqJobCatalog() {
  }

  @Override
  public List<JobDefinition> jobs() {
    return JOBS;
  }
}
