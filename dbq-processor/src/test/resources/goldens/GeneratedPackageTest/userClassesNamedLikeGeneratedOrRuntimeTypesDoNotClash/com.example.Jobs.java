package com.example;

import com.example.a.JobBuilder;
import com.example.a.JobBuilder_DbqJob;
import com.example.b.Jobs_Jobs_DbqJob;
import dev.dbq.runtime.JobBuilderWithoutWorkspace;
import dev.dbq.runtime.JobCatalog;
import javax.annotation.processing.Generated;

/**
 * The jobs of this compilation: one factory per {@code @Job}, returning a builder that enqueues it.
 *
 * <pre>{@code
 * UUID id = Jobs.build().workspace(...).queue("urgent").enqueue();
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
   * @return a builder; {@code workspace(...)} gives the one whose {@code enqueue()} inserts the job
   */
  public static BuildWithoutWorkspace build() {
    return new BuildWithoutWorkspace();
  }

  /**
   * Starts enqueueing job {@code jobs}, declared by {@link com.example.b.Jobs#run}: queue {@code default}, priority 0.
   *
   * @return a builder; {@code workspace(...)} gives the one whose {@code enqueue()} inserts the job
   */
  public static JobsWithoutWorkspace jobs() {
    return new JobsWithoutWorkspace();
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
   * Job {@code build} before its workspace is given: {@link #workspace} returns the builder
   * that enqueues it, so the job cannot be enqueued without one.
   */
  public static final class BuildWithoutWorkspace extends JobBuilderWithoutWorkspace<BuildWithoutWorkspace, BuildBuilder> {
    private BuildWithoutWorkspace() {
      super(new BuildBuilder());
    }

    /**
     * Sets the workspace the first step receives.
     *
     * @param workspace the workspace
     * @return the builder that enqueues the job
     */
    public BuildBuilder workspace(JobBuilder.JobDefinition workspace) {
      return builder().workspace(workspace);
    }
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
   * Job {@code jobs} before its workspace is given: {@link #workspace} returns the builder
   * that enqueues it, so the job cannot be enqueued without one.
   */
  public static final class JobsWithoutWorkspace extends JobBuilderWithoutWorkspace<JobsWithoutWorkspace, JobsBuilder> {
    private JobsWithoutWorkspace() {
      super(new JobsBuilder());
    }

    /**
     * Sets the workspace the first step receives.
     *
     * @param workspace the workspace
     * @return the builder that enqueues the job
     */
    public JobsBuilder workspace(com.example.b.Jobs.Invocation workspace) {
      return builder().workspace(workspace);
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
