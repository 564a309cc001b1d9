package dev.dbq.runtime.cli;

import java.time.Duration;

/**
 * A wait as an operator reads it: two units at most ({@code 850ms}, {@code 12s}, {@code 5m03s}).
 */
final class Ages {
  private Ages() {}

  static String format(Duration age) {
    long millis = Math.max(0, age.toMillis());
    if (millis < 1_000) {
      return millis + "ms";
    }
    long seconds = millis / 1_000;
    if (seconds < 60) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return String.format("%dm%02ds", minutes, seconds % 60);
    }
    long hours = minutes / 60;
    if (hours < 24) {
      return String.format("%dh%02dm", hours, minutes % 60);
    }
    return String.format("%dd%02dh", hours / 24, hours % 24);
  }
}
