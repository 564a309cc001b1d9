package dev.dbq.runtime;

/** A workspace that cannot be written as, or read from, the job's JSON object. */
public final class WorkspaceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong, naming the type or value
   */
  public WorkspaceException(String message) {
    super(message);
  }
}
