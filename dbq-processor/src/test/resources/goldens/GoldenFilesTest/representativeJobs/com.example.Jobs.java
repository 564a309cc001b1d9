package com.example;

import com.example.cats.CatBatch;
import com.example.cats.ImportCats_DbqJob;
import com.example.mail.Mail;
import com.example.mail.Mail_SendDigest_DbqJob;
import com.example.reports.ReportState;
import com.example.reports.Reports;
import com.example.reports.Reports_ReportBuild_DbqJob;
import dev.dbq.runtime.JobBuilder;
import dev.dbq.runtime.JobBuilderWithoutWorkspace;
import dev.dbq.runtime.JobCatalog;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * The jobs of this compilation: one factory per {@code @Job}, returning a builder that enqueues it.
 *
 * <pre>{@code
 * UUID id = Jobs.importCats().workspace(...).queue("urgent").enqueue();
 * }</pre>
 */
@Generated("dev.dbq.processor.DbqProcessor")
public final class Jobs {
  private static final JobCatalog CATALOG = new DbqJobCatalog();

  private Jobs() {
  }

  /**
   * Starts enqueueing job {@code import_cats}, declared by {@code com.example.cats.ImportCats}: queue {@code imports}, priority 5.
   *
   * @return a builder; {@code workspace(...)} gives the one whose {@code enqueue()} inserts the job
   */
  public static ImportCatsWithoutWorkspace importCats() {
    return new ImportCatsWithoutWorkspace();
  }

  /**
   * Starts enqueueing job {@code report.build}, declared by {@link Reports#build}: queue {@code default}, priority -1.
   *
   * @return a builder; {@code workspace(...)} gives the one whose {@code enqueue()} inserts the job
   */
  public static ReportBuildWithoutWorkspace reportBuild() {
    return new ReportBuildWithoutWorkspace();
  }

  /**
   * Starts enqueueing job {@code send-digest}, declared by {@link Mail#sendDigest}: queue {@code mail}, priority 0.
   *
   * @return a builder; {@code enqueue()} inserts the job
   */
  public static SendDigestBuilder sendDigest() {
    return new SendDigestBuilder();
  }

  /**
   * The catalog of every job above, for a worker.
   *
   * @return the catalog
   */
  public static JobCatalog catalog() {
    return CATALOG;
  }

  /**
   * Job {@code import_cats} before its workspace is given: {@link #workspace} returns the builder
   * that enqueues it, so the job cannot be enqueued without one.
   */
  public static final class ImportCatsWithoutWorkspace extends JobBuilderWithoutWorkspace<ImportCatsWithoutWorkspace, ImportCatsBuilder> {
    private ImportCatsWithoutWorkspace() {
      super(new ImportCatsBuilder());
    }

    /**
     * Sets the workspace the first step receives.
     *
     * @param workspace the workspace
     * @return the builder that enqueues the job
     */
    public ImportCatsBuilder workspace(CatBatch workspace) {
      return builder().workspace(workspace);
    }
  }

  /**
   * Enqueues job {@code import_cats}; queue, priority and start time as in {@link JobBuilder}.
   */
  public static final class ImportCatsBuilder extends JobBuilder<ImportCatsBuilder> {
    private ImportCatsBuilder() {
      super(ImportCats_DbqJob.DEFINITION);
    }

    /**
     * Sets the workspace the first step receives.
     *
     * @param workspace the workspace
     * @return this builder
     */
    public ImportCatsBuilder workspace(CatBatch workspace) {
      return setWorkspace(workspace);
    }
  }

  /**
   * Job {@code report.build} before its workspace is given: {@link #workspace} returns the builder
   * that enqueues it, so the job cannot be enqueued without one.
   */
  public static final class ReportBuildWithoutWorkspace extends JobBuilderWithoutWorkspace<ReportBuildWithoutWorkspace, ReportBuildBuilder> {
    private ReportBuildWithoutWorkspace() {
      super(new ReportBuildBuilder());
    }

    /**
     * Sets the workspace the first step receives.
     *
     * @param workspace the workspace
     * @return the builder that enqueues the job
     */
    public ReportBuildBuilder workspace(ReportState workspace) {
      return builder().workspace(workspace);
    }
  }

  /**
   * Enqueues job {@code report.build}; queue, priority and start time as in {@link JobBuilder}.
   */
  public static final class ReportBuildBuilder extends JobBuilder<ReportBuildBuilder> {
    private ReportBuildBuilder() {
      super(Reports_ReportBuild_DbqJob.DEFINITION);
    }

    /**
     * Sets the workspace the first step receives.
     *
     * @param workspace the workspace
     * @return this builder
     */
    public ReportBuildBuilder workspace(ReportState workspace) {
      return setWorkspace(workspace);
    }
  }

  /**
   * Enqueues job {@code send-digest}; queue, priority and start time as in {@link JobBuilder}.
   */
  public static final class SendDigestBuilder extends JobBuilder<SendDigestBuilder> {
    private SendDigestBuilder() {
      super(Mail_SendDigest_DbqJob.DEFINITION);
    }

    /**
     * Sets the workspace, a JSON object the steps share.
     *
     * @param workspace the workspace
     * @return this builder
     */
    public SendDigestBuilder workspace(Map<String, ?> workspace) {
      return setWorkspace(workspace);
    }
  }
}
