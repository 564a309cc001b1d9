package dev.dbq.runtime.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's loggers, named {@code dev.dbq.runtime.<Class>} whatever package the class lives in.
 * The names are output users configure (README names {@code dev.dbq.runtime.StepRunner}, for one,
 * and logging configs select them), so moving a class between the runtime's packages must not
 * rename its logger.
 */
public final class RuntimeLoggers {
  private RuntimeLoggers() {}

  /** The logger of {@code owner}, named after its simple name under {@code dev.dbq.runtime}. */
  public static Logger of(Class<?> owner) {
    return LoggerFactory.getLogger("dev.dbq.runtime." + owner.getSimpleName());
  }
}
