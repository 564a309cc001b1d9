package dev.dbq.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronExpressionTest {
  private static final ZoneId UTC = ZoneOffset.UTC;

  private static Instant next(String cron, String after) {
    return CronExpression.parse(cron).nextAfter(Instant.parse(after), UTC).orElseThrow();
  }

  @ParameterizedTest(name = "{0} after {1} is {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 3 * * *|2026-03-01T02:59:00Z|2026-03-01T03:00:00Z",
        "0 3 * * *|2026-03-01T03:00:00Z|2026-03-02T03:00:00Z",
        "*/15 * * * *|2026-03-01T10:07:30Z|2026-03-01T10:15:00Z",
        "5/20 * * * *|2026-03-01T10:26:00Z|2026-03-01T10:45:00Z",
        "0 9-17/4 * * *|2026-03-01T13:00:00Z|2026-03-01T17:00:00Z",
        "0 0 * * MON-FRI|2026-03-06T12:00:00Z|2026-03-09T00:00:00Z",
        "0 0 * * 7|2026-03-02T00:00:00Z|2026-03-08T00:00:00Z",
        "0 0 1 jan,jul *|2026-03-01T00:00:00Z|2026-07-01T00:00:00Z",
        "0 0 13 * FRI|2026-03-01T00:00:00Z|2026-03-06T00:00:00Z",
        "0 0 29 2 *|2026-03-01T00:00:00Z|2028-02-29T00:00:00Z",
        "*/10 * * * * *|2026-03-01T10:00:05.5Z|2026-03-01T10:00:10Z",
        "30 0 3 * * *|2026-03-01T03:00:30Z|2026-03-02T03:00:30Z",
        "@hourly|2026-03-01T10:00:00Z|2026-03-01T11:00:00Z",
        "@daily|2026-03-01T10:00:00Z|2026-03-02T00:00:00Z",
        "@midnight|2026-03-01T10:00:00Z|2026-03-02T00:00:00Z",
        "@weekly|2026-03-02T10:00:00Z|2026-03-08T00:00:00Z",
        "@monthly|2026-03-02T10:00:00Z|2026-04-01T00:00:00Z",
        "@yearly|2026-03-02T10:00:00Z|2027-01-01T00:00:00Z",
        "@ANNUALLY|2026-03-02T10:00:00Z|2027-01-01T00:00:00Z"
      })
  void nextFireTimeIsTheFirstMatchStrictlyAfter(String cron, String after, String expected) {
    assertEquals(Instant.parse(expected), next(cron, after));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "61 * * * *|cron field minute '61' has value 61, allowed 0-59",
        "0 24 * * *|cron field hour '24' has value 24, allowed 0-23",
        "0 0 0 * *|cron field day-of-month '0' has value 0, allowed 1-31",
        "0 0 * 13 *|cron field month '13' has value 13, allowed 1-12 or JAN-DEC",
        "0 0 * FOO *|cron field month 'FOO' has value 'FOO', allowed 1-12 or JAN-DEC",
        "0 0 * * 8|cron field day-of-week '8' has value 8, allowed 0-7 or SUN-SAT",
        "60 * * * * *|cron field second '60' has value 60, allowed 0-59",
        "*/0 * * * *|cron field minute '*/0' has step 0, allowed 1-59",
        "30-10 * * * *|cron field minute '30-10' has range 30-10 whose start is after its end",
        "1,,2 * * * *|cron field minute '1,,2' has an empty list element",
        "? * * * *|cron field minute '?' may not be '?' (only day-of-month and day-of-week may)",
        "0 0 31 2,4 *|cron field day-of-month '31' names no day that month '2,4' has, so the"
            + " expression never fires",
        "0 3 * *|cron expression '0 3 * *' has 4 fields; expected 5 (minute hour day-of-month month"
            + " day-of-week) or 6 (a leading second, then those)",
        "@fortnightly|cron nickname '@fortnightly' is unknown; known: @yearly, @annually,"
            + " @monthly, @weekly, @daily, @midnight, @hourly",
      })
  void aBadExpressionIsRefusedInOneLineNamingTheFieldValueAndRange(String cron, String message) {
    CronSyntaxException e =
        assertThrows(CronSyntaxException.class, () -> CronExpression.parse(cron));
    assertEquals(message, e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void anEmptyExpressionIsRefused() {
    assertThrows(CronSyntaxException.class, () -> CronExpression.parse("  "));
  }

  @Test
  void secondsResolutionIsOnlyWithSixFields() {
    assertTrue(CronExpression.parse("* * * * * *").hasSeconds());
    assertFalse(CronExpression.parse("* * * * *").hasSeconds());
    assertFalse(CronExpression.parse("@daily").hasSeconds());
  }

  @Test
  void bothDayFieldsRestrictedMatchEitherDay() {
    // the 1st of April 2026 is a Wednesday; the next Monday is the 6th
    assertEquals(
        Instant.parse("2026-04-01T00:00:00Z"), next("0 0 1 * MON", "2026-03-31T12:00:00Z"));
    assertEquals(
        Instant.parse("2026-04-06T00:00:00Z"), next("0 0 1 * MON", "2026-04-01T00:00:00Z"));
  }
}
