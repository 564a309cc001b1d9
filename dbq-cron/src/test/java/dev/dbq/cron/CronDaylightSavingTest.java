package dev.dbq.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fire times across Europe/Berlin's transitions of 2026: on 29 March local time jumps from 02:00 to
 * 03:00 (01:00Z); on 25 October it falls back from 03:00 to 02:00 (01:00Z), so 02:00-03:00 happens
 * twice.
 */
class CronDaylightSavingTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** Every fire time in [from, to), walking as a scheduler does: each one from the previous. */
  private static List<Instant> fireTimes(String cron, String from, String to) {
    CronExpression expression = CronExpression.parse(cron);
    List<Instant> fires = new ArrayList<>();
    Instant t = Instant.parse(from);
    Instant end = Instant.parse(to);
    while (true) {
      t = expression.nextAfter(t, BERLIN).orElseThrow();
      if (!t.isBefore(end)) {
        return fires;
      }
      fires.add(t);
    }
  }

  @Test
  void aSkippedLocalTimeFiresOnceAtTheNextValidInstant() {
    assertEquals(
        List.of(
            Instant.parse("2026-03-28T01:30:00Z"), // 02:30 CET
            Instant.parse("2026-03-29T01:00:00Z"), // 02:30 does not exist: 03:00 CEST
            Instant.parse("2026-03-30T00:30:00Z")), // 02:30 CEST
        fireTimes("30 2 * * *", "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z"));
  }

  @Test
  void severalSkippedLocalTimesFireOnceTogether() {
    assertEquals(
        List.of(Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-30T00:00:00Z")),
        fireTimes("0,15,30,45 2 * * *", "2026-03-29T00:00:00Z", "2026-03-30T00:01:00Z"));
  }

  @Test
  void aRepeatedLocalTimeFiresOnceAtItsFirstOccurrence() {
    assertEquals(
        List.of(
            Instant.parse("2026-10-24T00:30:00Z"), // 02:30 CEST
            Instant.parse("2026-10-25T00:30:00Z"), // 02:30 CEST, the first of two
            Instant.parse("2026-10-26T01:30:00Z")), // 02:30 CET
        fireTimes("30 2 * * *", "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z"));
  }

  @Test
  void theRepeatedHourFiresOnceForAnHourlySchedule() {
    // local 01:15, 02:15 (CEST), [02:15 CET is the repeat: not fired], 03:15, 04:15
    assertEquals(
        List.of(
            Instant.parse("2026-10-24T23:15:00Z"),
            Instant.parse("2026-10-25T00:15:00Z"),
            Instant.parse("2026-10-25T02:15:00Z"),
            Instant.parse("2026-10-25T03:15:00Z")),
        fireTimes("15 * * * *", "2026-10-24T23:00:00Z", "2026-10-25T04:00:00Z"));
  }

  @Test
  void aStartInsideTheRepeatedHourDoesNotFireItsLocalTimesAgain() {
    // 00:40Z is 02:40 CEST; 01:05Z is 02:05 CET, the repeat: 02:30 already happened at 00:30Z
    assertEquals(
        Instant.parse("2026-10-26T01:30:00Z"),
        CronExpression.parse("30 2 * * *")
            .nextAfter(Instant.parse("2026-10-25T01:05:00Z"), BERLIN)
            .orElseThrow());
  }

  @Test
  void aDailyScheduleOutsideTheTransitionsKeepsItsLocalTime() {
    assertEquals(
        List.of(Instant.parse("2026-03-28T02:00:00Z"), Instant.parse("2026-03-29T01:00:00Z")),
        fireTimes("0 3 * * *", "2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z"));
  }
}
