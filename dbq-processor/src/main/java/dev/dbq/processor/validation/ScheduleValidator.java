package dev.dbq.processor.validation;

import dev.dbq.annotation.Recurring;
import dev.dbq.cron.CronExpression;
import dev.dbq.cron.CronSyntaxException;
import dev.dbq.processor.model.DurationText;
import dev.dbq.processor.model.JobDeclaration;
import dev.dbq.processor.model.JsonText;
import dev.dbq.processor.model.RecurringDeclaration;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * Checks a job's {@code @Recurring} schedules: the cron expression (with the parser the runtime
 * fires with), the zone id (suggesting the closest known one), the workspace's JSON and the
 * backfill window. Each error pins to the value that is wrong.
 */
final class ScheduleValidator {
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

  private ScheduleValidator() {}

  static void validate(JobDeclaration job, ValidationReport report) {
    List<RecurringDeclaration> schedules = RecurringDeclaration.of(job.element());
    for (int i = 0; i < schedules.size(); i++) {
      RecurringDeclaration schedule = schedules.get(i);
      Pin pin = new Pin(job, schedule, schedules.size() > 1 ? i : -1, report);
      String cron = schedule.values().cron();
      try {
        CronExpression.parse(cron);
      } catch (CronSyntaxException e) {
        pin.error("cron", Message.INVALID_CRON.format(cron, job.name(), e.getMessage()));
      }
      String zone = schedule.values().zone();
      if (!isZone(zone)) {
        pin.error(
            "zone",
            Message.UNKNOWN_ZONE.format(
                zone, job.name(), Message.didYouMean(Suggestions.closest(zone, ZONES))));
      }
      String workspaceProblem = JsonText.problem(schedule.values().workspace());
      if (workspaceProblem != null) {
        pin.error(
            "workspace", Message.INVALID_RECURRING_WORKSPACE.format(job.name(), workspaceProblem));
      }
      String backfill = schedule.values().backfill();
      if (!backfill.isEmpty() && DurationText.problem(backfill).isPresent()) {
        pin.error("backfill", Message.INVALID_BACKFILL.format(backfill, job.name()));
      }
    }
  }

  /** Pins a schedule's error to its value: through the source tree when it is one of several. */
  private record Pin(
      JobDeclaration job,
      RecurringDeclaration schedule,
      int repeatedIndex,
      ValidationReport report) {
    void error(String attribute, String message) {
      if (repeatedIndex < 0) {
        report.error(job.element(), schedule.mirror(), attribute, message);
      } else {
        report.errorOnRepeated(
            job.element(), Recurring.class.getCanonicalName(), repeatedIndex, attribute, message);
      }
    }
  }

  private static boolean isZone(String zone) {
    try {
      ZoneId.of(zone);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }
}
