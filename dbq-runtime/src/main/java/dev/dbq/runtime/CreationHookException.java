package dev.dbq.runtime;

/**
 * A creation hook threw a checked exception; the job was not enqueued. The hook's exception is the
 * {@link #getCause() cause}. Unchecked exceptions and errors thrown by a creation hook reach the
 * caller of {@code enqueue} unchanged, without this wrapper.
 */
public final class CreationHookException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param jobName the job whose hook threw
   * @param cause the hook's checked exception
   */
  public CreationHookException(String jobName, Throwable cause) {
    super("creation hook of job '" + jobName + "' threw " + cause, cause);
  }
}
