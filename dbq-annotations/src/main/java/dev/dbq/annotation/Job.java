package dev.dbq.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a dbq job: a named sequence of steps that a worker runs from the database.
 *
 * <p>On a <b>class</b>, the job's steps are the class's {@link Step @Step} methods, run in
 * ascending {@link Step#order() order}; the class may also declare one of each hook ({@link
 * CreationHook}, {@link PreStepHook}, {@link PostStepHook}, {@link FailureHook}):
 *
 * <pre>{@code
 * @Job(name = "import_cats", queue = "imports", priority = 1)
 * class ImportCats {
 *   @Step(order = 1) void fetch(JobContext job, CatBatch batch) { ... }
 *   @Step(order = 2) void store(JobContext job, CatBatch batch) { ... }
 * }
 * }</pre>
 *
 * <p>On a <b>method</b>, the job has exactly one step, that method:
 *
 * <pre>{@code
 * class Mail {
 *   @Job(name = "send_digest") static void sendDigest(JobContext job) { ... }
 * }
 * }</pre>
 *
 * <p>The annotation processor turns every {@code @Job} into a factory method of the generated
 * {@code Jobs} class ({@code import_cats} becomes {@code Jobs.importCats()}), so enqueueing an
 * unknown job cannot compile. Every rule below is checked by the compiler:
 *
 * <ul>
 *   <li>{@link #name()} and {@link #queue()}: a letter, then letters, digits, {@code _}, {@code -}
 *       or {@code .}; at most 100 characters; job names are unique in a compilation.
 *   <li>{@link #priority()}: between -32768 and 32767; higher runs first.
 *   <li>{@link #maxAttempts()}: at least 1.
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Job {

  /**
   * The job's name, stored in each job row and used to look up its steps. Renaming a job orphans
   * the rows already enqueued under the old name, so treat it as a stable identifier.
   *
   * @return the unique job name, e.g. {@code "import_cats"}
   */
  String name();

  /**
   * The queue that jobs of this kind wait in unless the enqueuer names another one.
   *
   * @return the default queue name; {@code "default"} unless set
   */
  String queue() default "default";

  /**
   * The default priority: jobs with a higher priority are claimed first; within one priority, the
   * oldest job runs first.
   *
   * @return a value in {@code -32768..32767}; {@code 0} unless set
   */
  int priority() default 0;

  /**
   * How many times a failing step is tried before the job is {@code FAILED}. The default, 1, is
   * django-db-queue's behaviour: a failure is final. Retries wait with exponential backoff, and the
   * {@link FailureHook} runs only when the last attempt fails.
   *
   * @return at least 1; {@code 1} unless set
   */
  int maxAttempts() default 1;
}
