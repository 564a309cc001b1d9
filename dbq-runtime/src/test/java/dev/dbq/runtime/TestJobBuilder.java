package dev.dbq.runtime;

/**
 * The tests' one way to define and enqueue a job: a hand-written builder, as generated code would
 * write one, with an untyped setter, enqueued through the API ({@code enqueue(dbq)}, {@code
 * enqueue(connection)}), so a test's job is checked, inserted and notified as a user's is.
 *
 * <p>{@link #of} enqueues a job of a given definition (its creation hook runs, its workspace type
 * is checked); {@link #named} one of a name alone, for tests whose worker has its own definition of
 * that name (a worker finds its jobs by name, like one that runs beside another application's
 * enqueuer). A row the API would refuse is written with {@link StoredJobs#insertRefusedRow}.
 */
public final class TestJobBuilder extends JobBuilder<TestJobBuilder> {
  TestJobBuilder(JobDefinition definition) {
    super(definition);
  }

  /** A job of this definition. */
  public static TestJobBuilder of(JobDefinition definition) {
    return new TestJobBuilder(definition);
  }

  /**
   * A job called {@code name}, defined with one no-op step and no workspace type, the definition's
   * defaults (queue {@value DbqWorker#DEFAULT_QUEUE}, priority 0) and no creation hook.
   */
  public static TestJobBuilder named(String name) {
    return of(JobDefinition.builder(name).step("run", call -> null).build());
  }

  public TestJobBuilder workspace(Object value) {
    return setWorkspace(value);
  }
}
