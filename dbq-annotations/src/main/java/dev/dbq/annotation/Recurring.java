package dev.dbq.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fires a {@link Job} on a cron schedule: workers enqueue one job per fire time, exactly once
 * across any number of workers. Repeatable: each annotation is a schedule of its own.
 *
 * <pre>{@code
 * @Job(name = "nightly_report")
 * @Recurring(cron = "0 3 * * *", zone = "Europe/Berlin")
 * @Recurring(cron = "0 12 * * SAT", zone = "Europe/Berlin", workspace = "{\"short\": true}")
 * public class NightlyReport { ... }
 * }</pre>
 *
 * <p>The compiler checks the expression, the zone and the workspace: a malformed cron, a field out
 * of range, an unknown zone or a workspace that is no JSON object is a compile error on the value.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(Recurring.List.class)
public @interface Recurring {

  /**
   * The schedule: five fields {@code minute hour day-of-month month day-of-week} (minute
   * resolution), six with a leading seconds field, or a nickname ({@code @yearly}, {@code
   * @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight}, {@code
   * @hourly}). Fields take values, ranges {@code a-b}, steps {@code /n}, lists {@code a,b}, and
   * month and day names ({@code JAN}, {@code MON-FRI}).
   *
   * @return the cron expression
   */
  String cron();

  /**
   * The time zone whose wall clock the expression follows, an id of {@code
   * java.time.ZoneId.getAvailableZoneIds()} or an offset such as {@code +01:00}. A local time that
   * a spring-forward transition skips fires once, at the first instant after the gap; a local time
   * a fall-back transition repeats fires once, at its first occurrence.
   *
   * @return the zone id; {@code UTC} unless set
   */
  String zone() default "UTC";

  /**
   * The workspace each fired job starts with, as the text of a JSON object.
   *
   * @return the workspace; {@code {}} unless set
   */
  String workspace() default "{}";

  /**
   * What happens to fire times missed while no worker ran: {@code ""} (none: they are skipped, only
   * a fire time at most a few seconds late still fires) or a duration ({@code 1h}, {@code 30m},
   * {@code 1d}, ISO-8601 {@code PT1H}): each missed fire time within that window before now fires,
   * oldest first.
   *
   * @return the backfill window; none unless set
   */
  String backfill() default "";

  /**
   * What happens at a fire time while the job this schedule enqueued before is still waiting or
   * running.
   *
   * @return the overlap policy; {@link Overlap#ALLOW} unless set
   */
  Overlap overlap() default Overlap.ALLOW;

  /** What a fire time does while the schedule's previous job has not ended. */
  enum Overlap {
    /** Enqueue anyway: runs may overlap. */
    ALLOW,
    /** Record the fire time as skipped and enqueue nothing. */
    SKIP
  }

  /** The container javac uses for several {@link Recurring} on one element. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target({ElementType.TYPE, ElementType.METHOD})
  @interface List {
    /**
     * @return the schedules
     */
    Recurring[] value();
  }
}
