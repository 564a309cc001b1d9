package dev.dbq.runtime;

/**
 * The database failed while dbq was doing something: the message says what (for example "cannot
 * enqueue job 'import_cats'") and the cause, usually a {@link java.sql.SQLException}, says why.
 * Messages never contain a password from a JDBC URL.
 */
public final class DbqException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what dbq was doing and what went wrong
   * @param cause the underlying failure
   */
  public DbqException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * @param message what dbq was doing and what went wrong
   */
  public DbqException(String message) {
    super(message);
  }
}
