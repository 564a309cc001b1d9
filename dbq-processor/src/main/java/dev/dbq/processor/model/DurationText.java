package dev.dbq.processor.model;

import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of {@code @Step(timeout)}: whole numbers with the units {@code d h m s ms},
 * largest first and each once ({@code 500ms}, {@code 30s}, {@code 1m30s}, {@code 2d12h}), or
 * ISO-8601 as {@link Duration#parse} reads it ({@code PT30S}). A timeout is positive and at most
 * {@link #MAX}.
 *
 * <p>Why the processor has a reader of its own: the generated code passes the runtime a {@code
 * Duration} built from this value ({@code Duration.ofSeconds(30)}), so the runtime never reads the
 * text, and the annotations module holds annotations only. {@link #MAX} is the runtime's longest
 * span ({@code TimeLimits}, 1,000 years), which {@code StepDefinition} enforces too; a test on each
 * side pins it.
 */
public final class DurationText {
  /** What is wrong with a text. */
  public enum Problem {
    /** Neither form. */
    MALFORMED,
    /** Zero or negative. */
    NOT_POSITIVE,
    /** Over {@link #MAX}. */
    TOO_LONG
  }

  /** The longest timeout: 365,242 days, the runtime's 1,000 years. */
  public static final Duration MAX = Duration.ofDays(365_242);

  /** Each unit once, largest first; every part optional, so an empty match is refused apart. */
  private static final Pattern UNITS =
      Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");

  private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};

  private static final BigInteger MAX_MILLIS = BigInteger.valueOf(MAX.toMillis());

  private DurationText() {}

  /**
   * @param text the annotation value
   * @return what is wrong with it, or empty when it is a valid timeout
   */
  public static Optional<Problem> problem(String text) {
    return read(text).problem();
  }

  /**
   * @param text a value for which {@link #problem} is empty
   * @return the duration it denotes
   * @throws IllegalArgumentException when it is not a valid timeout
   */
  public static Duration parse(String text) {
    Reading reading = read(text);
    if (reading.problem().isPresent()) {
      throw new IllegalArgumentException(
          "not a valid timeout (" + reading.problem().get() + "): " + text);
    }
    return reading.duration();
  }

  private record Reading(Duration duration, Optional<Problem> problem) {
    static Reading of(Problem problem) {
      return new Reading(null, Optional.of(problem));
    }
  }

  private static Reading read(String text) {
    if (text.startsWith("P") || text.startsWith("p") || text.matches("[-+][Pp].*")) {
      return readIso(text);
    }
    boolean negative = text.startsWith("-");
    Matcher units = UNITS.matcher(negative ? text.substring(1) : text);
    if (!units.matches() || units.end() == 0) {
      return Reading.of(Problem.MALFORMED);
    }
    BigInteger millis = BigInteger.ZERO;
    for (int i = 0; i < UNIT_MILLIS.length; i++) {
      String digits = units.group(i + 1);
      if (digits != null) {
        millis = millis.add(new BigInteger(digits).multiply(BigInteger.valueOf(UNIT_MILLIS[i])));
      }
    }
    if (negative || millis.signum() == 0) {
      return Reading.of(Problem.NOT_POSITIVE);
    }
    if (millis.compareTo(MAX_MILLIS) > 0) {
      return Reading.of(Problem.TOO_LONG);
    }
    return new Reading(Duration.ofMillis(millis.longValueExact()), Optional.empty());
  }

  private static Reading readIso(String text) {
    Duration duration;
    try {
      duration = Duration.parse(text);
    } catch (DateTimeParseException e) {
      // Duration.parse reports a number too large for it with this cause
      return Reading.of(
          e.getCause() instanceof ArithmeticException
                  || e.getCause() instanceof NumberFormatException
              ? Problem.TOO_LONG
              : Problem.MALFORMED);
    }
    if (duration.isZero() || duration.isNegative()) {
      return Reading.of(Problem.NOT_POSITIVE);
    }
    if (duration.compareTo(MAX) > 0) {
      return Reading.of(Problem.TOO_LONG);
    }
    return new Reading(duration, Optional.empty());
  }
}
