package dev.dbq.runtime.internal;

/**
 * Makes an error message fit for {@code last_error}: PostgreSQL's {@code text} refuses the NUL
 * character (a save carrying one would fail every time), a message megabytes long helps no one, and
 * a JDBC URL a step's exception quotes keeps its password masked ({@link JdbcUrls#redactIn}).
 */
public final class ErrorText {
  /** The longest message kept; the rest is cut and counted. */
  static final int MAX_CHARS = 8_000;

  private ErrorText() {}

  /**
   * @param message any message
   * @return the message with URL passwords masked, each NUL written as {@code \u0000} and cut to
   *     {@link #MAX_CHARS}
   */
  public static String clean(String message) {
    String text = masked(message);
    if (text.length() <= MAX_CHARS) {
      return text;
    }
    return text.substring(0, MAX_CHARS)
        + "... ("
        + (text.length() - MAX_CHARS)
        + " more characters)";
  }

  /** The text with URL passwords masked and each NUL written as {@code \u0000}, not cut. */
  static String masked(String text) {
    String masked = JdbcUrls.redactIn(text);
    return masked.indexOf('\0') < 0 ? masked : masked.replace("\0", "\\u0000");
  }
}
