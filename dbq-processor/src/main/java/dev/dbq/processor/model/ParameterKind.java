package dev.dbq.processor.model;

/** What the generated code passes for one parameter of a step or hook. */
public enum ParameterKind {
  /** {@code dev.dbq.runtime.JobContext}: {@code invocation.context()}. */
  CONTEXT,
  /** The job's workspace: the typed instance, or the untyped {@code Map<String, Object>}. */
  WORKSPACE,
  /** A failure hook's {@code Throwable}: {@code invocation.failure()}. */
  FAILURE_THROWABLE,
  /** A failure hook's {@code Exception}: the failure, wrapped when it is an {@code Error}. */
  FAILURE_EXCEPTION
}
