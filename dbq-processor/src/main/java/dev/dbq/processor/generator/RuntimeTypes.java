package dev.dbq.processor.generator;

import com.palantir.javapoet.ClassName;

/**
 * The {@code dev.dbq.runtime} types generated code uses, by name: the processor never loads a
 * runtime class.
 */
final class RuntimeTypes {
  private static final String PACKAGE = "dev.dbq.runtime";

  static final ClassName JOB_DEFINITION = ClassName.get(PACKAGE, "JobDefinition");
  static final ClassName JOB_CATALOG = ClassName.get(PACKAGE, "JobCatalog");
  static final ClassName JOB_BUILDER = ClassName.get(PACKAGE, "JobBuilder");
  static final ClassName JOB_BUILDER_WITHOUT_WORKSPACE =
      ClassName.get(PACKAGE, "JobBuilderWithoutWorkspace");
  static final ClassName RECURRING_SCHEDULE = ClassName.get(PACKAGE, "RecurringSchedule");
  static final ClassName INVOCATION = ClassName.get(PACKAGE, "Invocation");
  static final ClassName UNIQUENESS = ClassName.get(PACKAGE, "Uniqueness");
  static final ClassName JOB_STATE = ClassName.get(PACKAGE, "JobState");

  private RuntimeTypes() {}
}
