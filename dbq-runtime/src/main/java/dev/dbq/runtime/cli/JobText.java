package dev.dbq.runtime.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How {@code dbq list} and {@code dbq show} write times, durations and stored texts. */
final class JobText {
  private JobText() {}

  /** UTC to the millisecond, ISO-8601, or {@code -} for none. */
  static String time(Instant instant) {
    return instant == null ? "-" : instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /** UTC to the second, for table columns. */
  static String shortTime(Instant instant) {
    return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** {@code 12 ms}, {@code 3.456 s}, {@code 2 min 5 s}. */
  static String duration(Duration d) {
    long millis = d.toMillis();
    if (millis < 1_000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.3f s", millis / 1_000.0);
    }
    return d.toMinutes() + " min " + d.toSecondsPart() + " s";
  }

  /**
   * A stored text on one line, cut to {@code max} characters: a message may hold line breaks and
   * control characters, which would break a table's alignment.
   */
  static String oneLine(String text, int max) {
    if (text == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.strip().length(); i++) {
      char c = text.strip().charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    String line = out.toString().replaceAll(" {2,}", " ");
    return line.length() <= max ? line : line.substring(0, max - 3) + "...";
  }
}
