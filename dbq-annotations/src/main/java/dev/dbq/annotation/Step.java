package dev.dbq.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Job @Job} class as one step of that job.
 *
 * <p>Steps run one at a time, in ascending {@link #order()}, each in a separate claim of the job:
 * the workspace, the next step and the state are saved after every step, so a crash repeats at most
 * the step in flight. Steps should therefore be idempotent.
 *
 * <p>A step is static, or an instance method of a class with an accessible no-arg constructor; it
 * is not private or abstract; it may throw checked exceptions. Its parameters are {@code
 * dev.dbq.runtime.JobContext} and/or the job's workspace type, in any order. It returns {@code
 * void}, or the workspace type to replace the workspace with the returned value.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Step {

  /**
   * The position of this step in its job. Orders need not be consecutive, but two steps of one job
   * may not share an order.
   *
   * @return the step's order; lower runs first
   */
  int order();
}
