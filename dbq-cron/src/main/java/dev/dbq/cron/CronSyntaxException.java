package dev.dbq.cron;

/**
 * A cron expression that cannot be parsed: the message is one line naming the bad field, its value
 * and the allowed range (or, for the whole expression, what was expected).
 */
public final class CronSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message the one-line explanation
   */
  public CronSyntaxException(String message) {
    super(message);
  }
}
