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
 * @param timeout how long the step may run before the worker interrupts it and fails the attempt;
 *     empty for the worker's default ({@link DbqWorker.Builder#stepTimeout(Duration)})
 */
public record StepDefinition(String name, JobMethod method, Optional<Duration> timeout) {
  /**
   * Checks that every part is present and the timeout positive.
   *
   * @param name the step's name
   * @param method the call
   * @param timeout the step's own timeout, or empty
   */
  public StepDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(timeout, "timeout");
    timeout.ifPresent(t -> TimeLimits.checkTimeout("timeout of step '" + name + "'", t));
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
}
