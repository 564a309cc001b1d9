package dev.dbq.runtime.cli;

import dev.dbq.runtime.JobBuilder;
import dev.dbq.runtime.JobDefinition;

/** The builder the command line enqueues with, for a job known only by its name at run time. */
final class CliJobBuilder extends JobBuilder<CliJobBuilder> {
  CliJobBuilder(JobDefinition definition) {
    super(definition);
  }

  CliJobBuilder workspace(Object value) {
    return setWorkspace(value);
  }
}
