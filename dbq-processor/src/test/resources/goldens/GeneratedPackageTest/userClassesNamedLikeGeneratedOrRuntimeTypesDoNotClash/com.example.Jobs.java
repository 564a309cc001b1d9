package com.example;

import com.example.a.JobBuilder;
import com.example.a.JobBuilder_DbqJob;
import com.example.b.Jobs_Jobs_DbqJob;
import dev.dbq.runtime.JobCatalog;
import javax.annotation.processing.Generated;

/**
 * The jobs of this compilation: one factory per {@code @Job}, returning a builder that enqueues it.
 *
 * <pre>{@code
 * UUID id = Jobs.build().queue("urgent").enqueue();
 * }</pre>
 */
@Generated("dev.dbq.processor.DbqProcessor")
public final class Jobs {
  private static final JobCatalog CATALOG = new DbqJobCatalog();

  private Jobs() {
  }

  /**
   * Starts enqueueing job {@code build}, declared by {@link JobBuilder}: queue {@code default}, priority 0.
   *
   * @return a builder; {@code enqueue()} inserts the job
   */
  public static BuildBuilder build() {
    return new BuildBuilder();
  }

  /**
   * Starts enqueueing job {@code jobs}, declared by {@link com.example.b.Jobs#run}: queue {@code default}, priority 0.
   *
   * @return a builder; {@code enqueue()} inserts the job
   */
  public static JobsBuilder jobs() {
    return new JobsBuilder();
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
   * Enqueues job {@code build}; queue, priority and start time as in {@link dev.dbq.runtime.JobBuilder}.
   */
  public static final class BuildBuilder extends dev.dbq.runtime.JobBuilder<BuildBuilder> {
    private BuildBuilder() {
      super(JobBuilder_DbqJob.DEFINITION);
    }

    /**
     * Sets the workspace the first step receives.
     *
     * @param workspace the workspace
     * @return this builder
     */
    public BuildBuilder workspace(JobBuilder.JobDefinition workspace) {
      return setWorkspace(workspace);
    }
  }

  /**
   * Enqueues job {@code jobs}; queue, priority and start time as in {@link dev.dbq.runtime.JobBuilder}.
   */
  public static final class JobsBuilder extends dev.dbq.runtime.JobBuilder<JobsBuilder> {
    private JobsBuilder() {
      super(Jobs_Jobs_DbqJob.DEFINITION);
    }

    /**
     * Sets the workspace the first step receives.
     *
     * @param workspace the workspace
     * @return this builder
     */
    public JobsBuilder workspace(com.example.b.Jobs.Invocation workspace) {
      return setWorkspace(workspace);
    }
  }
}
