package dev.dbq.runtime.cli;

import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration option as {@code @Step(timeout)} takes it: whole numbers with the units {@code d h m s
 * ms}, largest first and each once ({@code 500ms}, {@code 30s}, {@code 1m30s}), or ISO-8601 as
 * {@link Duration#parse} reads it ({@code PT30S}); positive and at most 1,000 years. (The processor
 * reads the annotation with a reader of its own: the runtime never uses the processor.)
 */
final class DurationText {
  private static final Pattern UNITS =
      Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
  private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
  private static final Duration MAX = Duration.ofDays(365_242);

  private DurationText() {}

  /**
   * @param option the option's name, for the message
   * @param text the value given
   * @return the duration
   * @throws IllegalArgumentException naming the value and the form, or the bound
   */
  static Duration parse(String option, String text) {
    Duration duration = read(option, text.trim());
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(option + " must be positive, was " + text);
    }
    if (duration.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(
          option + " must be at most 365242d (1,000 years), was " + text);
    }
    return duration;
  }

  private static Duration read(String option, String text) {
    if (text.startsWith("P") || text.startsWith("p") || text.matches("-[Pp].*")) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw malformed(option, text);
      }
    }
    boolean negative = text.startsWith("-");
    Matcher units = UNITS.matcher(negative ? text.substring(1) : text);
    if (!units.matches() || units.end() == 0) {
      throw malformed(option, text);
    }
    BigInteger millis = BigInteger.ZERO;
    for (int i = 0; i < UNIT_MILLIS.length; i++) {
      String digits = units.group(i + 1);
      if (digits != null) {
        millis = millis.add(new BigInteger(digits).multiply(BigInteger.valueOf(UNIT_MILLIS[i])));
      }
    }
    if (millis.compareTo(BigInteger.valueOf(MAX.toMillis())) > 0) {
      return MAX.plusMillis(1); // refused by the bound, with the value as given
    }
    return Duration.ofMillis(negative ? -millis.longValueExact() : millis.longValueExact());
  }

  private static IllegalArgumentException malformed(String option, String text) {
    return new IllegalArgumentException(
        option
            + " '"
            + text
            + "' is not a duration: a whole number and a unit (ms, s, m, h, d) such as 30s,"
            + " several units largest first such as 1m30s, or ISO-8601 such as PT30S");
  }
}
