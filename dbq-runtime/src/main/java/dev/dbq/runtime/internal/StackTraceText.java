package dev.dbq.runtime.internal;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A throwable's stack trace as a step-run history row keeps it ({@code dbq_step_run.stack_trace}):
 * what {@link Throwable#printStackTrace()} prints, causes and suppressed exceptions included, with
 * passwords in JDBC URLs masked and NUL written as {@code \u0000} (as {@link ErrorText} does for
 * the message), and at most {@link #MAX_CHARS} characters.
 *
 * <p>Why head and tail: a trace too long is cut in the middle, since its head says where the
 * throwable was thrown and its tail (the last {@code Caused by:}) is usually the root cause. A
 * recursion's {@link StackOverflowError} prints 1,024 frames; a bound keeps one failing job from
 * writing megabytes per attempt.
 */
public final class StackTraceText {
  /** The longest trace kept, in characters, the marker of the cut not counted. */
  public static final int MAX_CHARS = 16_000;

  /** Of a trace longer than {@link #MAX_CHARS}: the share kept from its head. */
  private static final int HEAD_CHARS = MAX_CHARS * 2 / 3;

  private StackTraceText() {}

  /**
   * @param t a throwable
   * @return its stack trace, masked and bounded
   */
  public static String of(Throwable t) {
    StringWriter out = new StringWriter(1024);
    try (PrintWriter printer = new PrintWriter(out)) {
      t.printStackTrace(printer);
    }
    return bounded(ErrorText.masked(out.toString()));
  }

  /** The text itself when it fits, else its head and tail around a line counting the cut. */
  static String bounded(String text) {
    if (text.length() <= MAX_CHARS) {
      return text;
    }
    // never between the two halves of a surrogate pair: a lone half is no character
    int headEnd = HEAD_CHARS;
    if (Character.isHighSurrogate(text.charAt(headEnd - 1))) {
      headEnd--;
    }
    int tailStart = text.length() - (MAX_CHARS - HEAD_CHARS);
    if (Character.isLowSurrogate(text.charAt(tailStart))) {
      tailStart++;
    }
    return text.substring(0, headEnd)
        + "\n\t... ("
        + (tailStart - headEnd)
        + " characters cut) ...\n"
        + text.substring(tailStart);
  }
}
