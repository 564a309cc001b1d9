package dev.dbq.dashboard;

import dev.dbq.runtime.JobBuilder;
import dev.dbq.runtime.JobDefinition;
import java.util.Map;

/** A builder for a test job, as generated code would write one. */
final class Job extends JobBuilder<Job> {
  Job(JobDefinition definition) {
    super(definition);
  }

  /** The untyped workspace, as a generated builder without a workspace type takes it. */
  Job with(Map<String, ?> fields) {
    return setWorkspace(fields);
  }
}
