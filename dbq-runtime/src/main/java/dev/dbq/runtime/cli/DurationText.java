package dev.dbq.runtime.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as an option takes it: a number with a unit, {@code ms}, {@code s}, {@code m} or
 * {@code h} ({@code 30s}, {@code 1.5m}, {@code 250ms}), or a bare number of seconds, as the other
 * options take them.
 */
final class DurationText {
  private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

  private DurationText() {}

  /**
   * @param option the option's name, for the message
   * @return the duration, at least a millisecond
   * @throws IllegalArgumentException naming the value and the form, or the bound
   */
  static Duration parse(String option, String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          option + " '" + text + "' is not a duration: a number with ms, s, m or h, e.g. 30s");
    }
    BigDecimal amount = new BigDecimal(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    BigDecimal millis =
        switch (unit) {
          case "ms" -> amount;
          case "s" -> amount.movePointRight(3);
          case "m" -> amount.multiply(BigDecimal.valueOf(60_000));
          default -> amount.multiply(BigDecimal.valueOf(3_600_000));
        };
    // bounded before the conversion: a thousand years is more than any step
    if (millis.compareTo(BigDecimal.valueOf(Duration.ofDays(365_242).toMillis())) > 0) {
      throw new IllegalArgumentException(option + " must be at most 1,000 years, was " + text);
    }
    if (millis.compareTo(BigDecimal.ONE) < 0) {
      throw new IllegalArgumentException(option + " must be at least 1ms, was " + text);
    }
    return Duration.ofMillis(millis.longValue());
  }
}
