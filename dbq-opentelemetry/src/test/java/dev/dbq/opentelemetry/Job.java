package dev.dbq.opentelemetry;

import dev.dbq.runtime.JobBuilder;
import dev.dbq.runtime.JobDefinition;

/** A builder for a test job, as generated code would write one. */
final class Job extends JobBuilder<Job> {
  Job(JobDefinition definition) {
    super(definition);
  }
}
