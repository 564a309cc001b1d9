package dev.dbq.runtime;

import dev.dbq.runtime.internal.TimeLimits;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a {@link JobDefinition}.
 *
 * @param name the step's name, the method's simple name (for logs and the MDC)
 * @param method the call
 * @param timeout how long one attempt of the step may run before the worker interrupts it and
 *     counts the attempt as failed ({@code @Step(timeout = "30s")}); empty when the step has no
 *     timeout of its own, and the worker's default applies
 */
public record StepDefinition(String name, JobMethod method, Optional<Duration> timeout) {
  /**
   * Checks that the parts are present and that a timeout is positive and at most 1,000 years.
   *
   * @param name the step's name
   * @param method the call
   * @param timeout the step's own timeout, or empty
   * @throws IllegalArgumentException when the timeout is zero, negative or over 1,000 years
   */
  public StepDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(timeout, "timeout").ifPresent(t -> checkTimeout(name, t));
  }

  /**
   * A step without a timeout of its own.
   *
   * @param name the step's name
   * @param method the call
   */
  public StepDefinition(String name, JobMethod method) {
    this(name, method, Optional.empty());
  }

  /**
   * A step with a timeout of its own.
   *
   * @param name the step's name
   * @param method the call
   * @param timeout how long one attempt may run: positive, at most 1,000 years
   * @throws IllegalArgumentException when the timeout is zero, negative or over 1,000 years
   */
  public StepDefinition(String name, JobMethod method, Duration timeout) {
    this(name, method, Optional.of(Objects.requireNonNull(timeout, "timeout")));
  }

  private static void checkTimeout(String name, Duration timeout) {
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException(
          "timeout of step '" + name + "' must be positive, was " + timeout);
    }
    TimeLimits.checkSpan("timeout of step '" + name + "'", timeout);
  }
}
