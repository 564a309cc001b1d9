package dev.dbq.cron;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed cron expression: five fields ({@code minute hour day-of-month month day-of-week}, minute
 * resolution), or six with a leading {@code second} field, or a nickname ({@code @yearly}, {@code
 * @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight}, {@code
 * @hourly}).
 *
 * <p>Each field is {@code *}, a value, a range {@code a-b}, a step ({@code *}/{@code n}, {@code a/n} or
 * {@code a-b/n}), or a comma-separated list of these; months and days of the week also take their
 * English three-letter names ({@code JAN}, {@code MON-FRI}); day-of-week 0 and 7 are Sunday. When
 * both day-of-month and day-of-week are restricted, a day matching either fires (Vixie cron's rule);
 * {@code ?} is accepted for either as a synonym of {@code *}.
 *
 * <pre>{@code
 * CronExpression daily = CronExpression.parse("0 3 * * *");
 * Optional<Instant> next = daily.nextAfter(Instant.now(), ZoneId.of("Europe/Berlin"));
 * }</pre>
 */
public final class CronExpression {
  private static final Map<String, String> NICKNAMES =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");

  /** How far ahead a fire time is looked for before an expression is taken to never fire. */
  private static final int YEARS_AHEAD = 30;

  private final String text;
  private final boolean hasSeconds;
  private final long seconds;
  private final long minutes;
  private final long hours;
  private final long daysOfMonth;
  private final long months;
  private final long daysOfWeek;
  private final boolean daysOfMonthRestricted;
  private final boolean daysOfWeekRestricted;

  private CronExpression(String text, String[] fields) {
    this.text = text;
    this.hasSeconds = fields.length == 6;
    int i = hasSeconds ? 1 : 0;
    this.seconds = hasSeconds ? CronField.SECOND.parse(fields[0]) : 1L;
    this.minutes = CronField.MINUTE.parse(fields[i]);
    this.hours = CronField.HOUR.parse(fields[i + 1]);
    this.daysOfMonth = CronField.DAY_OF_MONTH.parse(fields[i + 2]);
    this.months = CronField.MONTH.parse(fields[i + 3]);
    this.daysOfWeek = CronField.DAY_OF_WEEK.parse(fields[i + 4]);
    this.daysOfMonthRestricted = !CronField.isWildcard(fields[i + 2]);
    this.daysOfWeekRestricted = !CronField.isWildcard(fields[i + 4]);
    if (daysOfMonthRestricted && !daysOfWeekRestricted && !someDayExists()) {
      throw new CronSyntaxException(
          "cron field day-of-month '"
              + fields[i + 2]
              + "' names no day that month '"
              + fields[i + 3]
              + "' has, so the expression never fires");
    }
  }

  /**
   * Parses an expression.
   *
   * @param text five fields, six with a leading seconds field, or a nickname such as {@code @daily}
   * @return the expression
   * @throws CronSyntaxException when the text is malformed or a field is out of range; the message
   *     is one line naming the field, its value and the allowed range
   */
  public static CronExpression parse(String text) {
    if (text == null || text.isBlank()) {
      throw new CronSyntaxException(
          "cron expression is empty; expected five fields or @daily etc.");
    }
    String trimmed = text.trim();
    if (trimmed.startsWith("@")) {
      String fields = NICKNAMES.get(trimmed.toLowerCase(Locale.ROOT));
      if (fields == null) {
        throw new CronSyntaxException(
            "cron nickname '"
                + trimmed
                + "' is unknown; known: @yearly, @annually, @monthly, @weekly, @daily, @midnight,"
                + " @hourly");
      }
      return new CronExpression(trimmed, fields.split(" "));
    }
    String[] fields = trimmed.split("\\s+");
    if (fields.length != 5 && fields.length != 6) {
      throw new CronSyntaxException(
          "cron expression '"
              + trimmed
              + "' has "
              + fields.length
              + " fields; expected 5 (minute hour day-of-month month day-of-week) or 6 (a leading"
              + " second, then those)");
    }
    return new CronExpression(trimmed, fields);
  }

  /**
   * @return the expression as written (trimmed)
   */
  public String text() {
    return text;
  }

  /**
   * @return whether the expression has a seconds field (seconds resolution), else it fires at
   *     second 0 of a minute
   */
  public boolean hasSeconds() {
    return hasSeconds;
  }

  /**
   * The first fire time strictly after an instant, in a zone's wall-clock time. A local time that a
   * spring-forward transition skips fires once, at the transition's instant; a local time that a
   * fall-back transition repeats fires once, at its first occurrence.
   *
   * @param after the instant the fire time must be after
   * @param zone the zone whose local time the fields match
   * @return the next fire time, or empty when there is none in the next 30 years
   */
  public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
    ChronoUnit unit = hasSeconds ? ChronoUnit.SECONDS : ChronoUnit.MINUTES;
    LocalDateTime local = LocalDateTime.ofInstant(after, zone).truncatedTo(unit).plus(1, unit);
    int lastYear = local.getYear() + YEARS_AHEAD;
    while (true) {
      LocalDateTime match = nextLocalMatch(local, lastYear);
      if (match == null) {
        return Optional.empty();
      }
      Instant fire = resolve(match, zone);
      // a local time of a repeated hour seen again (its second occurrence) is not fired again
      if (fire.isAfter(after)) {
        return Optional.of(fire);
      }
      local = match.plus(1, unit);
    }
  }

  private static Instant resolve(LocalDateTime local, ZoneId zone) {
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    if (transition != null && transition.isGap()) {
      return transition.getInstant();
    }
    // in an overlap atZone takes the earlier offset: the first occurrence
    return local.atZone(zone).toInstant();
  }

  private LocalDateTime nextLocalMatch(LocalDateTime from, int lastYear) {
    LocalDateTime t = from;
    while (t.getYear() <= lastYear) {
      if (!has(months, t.getMonthValue())) {
        t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
      } else if (!dayMatches(t)) {
        t = t.toLocalDate().plusDays(1).atStartOfDay();
      } else if (!has(hours, t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!has(minutes, t.getMinute())) {
        t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
      } else if (!has(seconds, t.getSecond())) {
        t = t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
      } else {
        return t;
      }
    }
    return null;
  }

  private boolean dayMatches(LocalDateTime t) {
    boolean dom = has(daysOfMonth, t.getDayOfMonth());
    boolean dow = has(daysOfWeek, t.getDayOfWeek().getValue() % 7);
    if (daysOfMonthRestricted && daysOfWeekRestricted) {
      return dom || dow;
    }
    return dom && dow;
  }

  private boolean someDayExists() {
    for (Month month : Month.values()) {
      if (has(months, month.getValue())) {
        long possible = (1L << (month.maxLength() + 1)) - 2; // days 1..maxLength
        if ((daysOfMonth & possible) != 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean has(long bits, int value) {
    return (bits & (1L << value)) != 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CronExpression other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
