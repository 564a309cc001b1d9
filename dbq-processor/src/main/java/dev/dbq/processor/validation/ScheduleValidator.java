package dev.dbq.processor.validation;

import dev.dbq.cron.CronExpression;
import dev.dbq.cron.CronSyntaxException;
import dev.dbq.processor.model.DurationText;
import dev.dbq.processor.model.JobDeclaration;
import dev.dbq.processor.model.JsonText;
import dev.dbq.processor.model.RecurringDeclaration;
import java.time.DateTimeException;
import java.time.ZoneId;
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
    for (RecurringDeclaration schedule : RecurringDeclaration.of(job.element())) {
      String cron = schedule.values().cron();
      try {
        CronExpression.parse(cron);
      } catch (CronSyntaxException e) {
        report.error(
            job.element(),
            schedule.mirror(),
            "cron",
            Message.INVALID_CRON.format(cron, job.name(), e.getMessage()));
      }
      String zone = schedule.values().zone();
      if (!isZone(zone)) {
        report.error(
            job.element(),
            schedule.mirror(),
            "zone",
            Message.UNKNOWN_ZONE.format(
                zone, job.name(), Message.didYouMean(Suggestions.closest(zone, ZONES))));
      }
      String workspaceProblem = JsonText.problem(schedule.values().workspace());
      if (workspaceProblem != null) {
        report.error(
            job.element(),
            schedule.mirror(),
            "workspace",
            Message.INVALID_RECURRING_WORKSPACE.format(job.name(), workspaceProblem));
      }
      String backfill = schedule.values().backfill();
      if (!backfill.isEmpty() && DurationText.problem(backfill).isPresent()) {
        report.error(
            job.element(),
            schedule.mirror(),
            "backfill",
            Message.INVALID_BACKFILL.format(backfill, job.name()));
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
