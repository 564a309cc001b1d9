package dev.dbq.bench;

import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import java.util.List;

/**
 * The bench's jobs as a catalog registered in {@code META-INF/services}, the way a generated one
 * is, so that the command-line worker ({@code dbq worker}) finds them on the class path.
 */
public final class BenchCatalog implements JobCatalog {
  /** For {@link java.util.ServiceLoader}. */
  public BenchCatalog() {}

  @Override
  public List<JobDefinition> jobs() {
    return BenchJobs.CATALOG.jobs();
  }
}
