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

  /**
   * How long one attempt of this step may run: past it, the worker interrupts the step and counts
   * the attempt as failed (retried while the job's {@code maxAttempts} allow), with the timeout in
   * the job's last error. Empty, the default, means the step has no timeout of its own and the
   * worker's default applies.
   *
   * <p>Written as a whole number and a unit: {@code ms}, {@code s}, {@code m}, {@code h} or {@code
   * d} ({@code "500ms"}, {@code "30s"}, {@code "5m"}, {@code "2h"}, {@code "1d"}); several of them
   * from the largest unit to the smallest, each unit once ({@code "1m30s"}, {@code "1h30m"}); or
   * ISO-8601 as {@code java.time.Duration.parse} reads it ({@code "PT30S"}, {@code "P1DT2H"}). The
   * timeout must be positive and at most 1,000 years ({@code "365242d"}). The processor checks it:
   * anything else is a compile error on this value.
   *
   * @return the step's timeout, or {@code ""} for none of its own
   */
  String timeout() default "";
}
