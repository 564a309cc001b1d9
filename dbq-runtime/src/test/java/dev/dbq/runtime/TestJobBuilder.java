package dev.dbq.runtime;

/** A hand-written builder, as generated code would write one, with an untyped setter. */
public final class TestJobBuilder extends JobBuilder<TestJobBuilder> {
  TestJobBuilder(JobDefinition definition) {
    super(definition);
  }

  public static TestJobBuilder of(JobDefinition definition) {
    return new TestJobBuilder(definition);
  }

  public TestJobBuilder workspace(Object value) {
    return setWorkspace(value);
  }
}
