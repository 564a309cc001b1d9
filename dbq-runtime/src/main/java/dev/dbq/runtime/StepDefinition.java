package dev.dbq.runtime;

import java.util.Objects;

/**
 * One step of a {@link JobDefinition}.
 *
 * @param name the step's name, the method's simple name (for logs and the MDC)
 * @param method the call
 */
public record StepDefinition(String name, JobMethod method) {
  /**
   * Checks that both parts are present.
   *
   * @param name the step's name
   * @param method the call
   */
  public StepDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(method, "method");
  }
}
