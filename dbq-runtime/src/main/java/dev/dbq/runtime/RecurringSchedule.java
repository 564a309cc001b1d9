package dev.dbq.runtime;

import dev.dbq.cron.CronExpression;
import dev.dbq.runtime.internal.WorkspaceCodec;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A cron schedule of a job: workers enqueue the job once per fire time, across any number of
 * workers. Generated from {@code @Recurring}; hand-written catalogs add one with {@link
 * JobDefinition.Builder#schedule}.
 *
 * <pre>{@code
 * RecurringSchedule.cron("0 3 * * *").zone("Europe/Berlin").backfill(Duration.ofHours(6))
 * }</pre>
 *
 * Immutable: each method returns a new schedule.
 */
public final class RecurringSchedule {
  private final CronExpression cron;
  private final ZoneId zone;
  private final String workspace;
  private final Duration backfill;
  private final boolean skipOverlap;

  private RecurringSchedule(
      CronExpression cron, ZoneId zone, String workspace, Duration backfill, boolean skipOverlap) {
    this.cron = cron;
    this.zone = zone;
    this.workspace = workspace;
    this.backfill = backfill;
    this.skipOverlap = skipOverlap;
  }

  /**
   * A schedule in UTC with an empty workspace, no backfill, overlapping runs allowed.
   *
   * @param cron five fields, six with a leading seconds field, or a nickname such as {@code @daily}
   * @return the schedule
   * @throws IllegalArgumentException when the expression is malformed (the message names the field)
   */
  public static RecurringSchedule cron(String cron) {
    return new RecurringSchedule(
        CronExpression.parse(Objects.requireNonNull(cron, "cron")),
        ZoneId.of("UTC"),
        "{}",
        Duration.ZERO,
        false);
  }

  /**
   * @param zoneId the zone whose wall clock the expression follows, such as {@code Europe/Berlin}
   * @return a copy in that zone
   * @throws IllegalArgumentException when the zone id is unknown
   */
  public RecurringSchedule zone(String zoneId) {
    ZoneId parsed;
    try {
      parsed = ZoneId.of(Objects.requireNonNull(zoneId, "zoneId"));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown time zone '" + zoneId + "': " + e.getMessage());
    }
    return new RecurringSchedule(cron, parsed, workspace, backfill, skipOverlap);
  }

  /**
   * @param json the workspace each fired job starts with: the text of a JSON object
   * @return a copy with that workspace
   * @throws WorkspaceException when the text is not one JSON object
   */
  public RecurringSchedule workspace(String json) {
    WorkspaceCodec.parseGiven(Objects.requireNonNull(json, "json"));
    return new RecurringSchedule(cron, zone, json, backfill, skipOverlap);
  }

  /**
   * @param window fire times missed (no worker ran) within this span before now still fire, oldest
   *     first; {@link Duration#ZERO} for none
   * @return a copy with that backfill window
   * @throws IllegalArgumentException when the window is negative
   */
  public RecurringSchedule backfill(Duration window) {
    if (Objects.requireNonNull(window, "window").isNegative()) {
      throw new IllegalArgumentException("backfill window must not be negative, was " + window);
    }
    return new RecurringSchedule(cron, zone, workspace, window, skipOverlap);
  }

  /**
   * @return a copy that records a fire time as skipped, enqueuing nothing, while the job it
   *     enqueued before is still waiting or running
   */
  public RecurringSchedule skipOverlap() {
    return new RecurringSchedule(cron, zone, workspace, backfill, true);
  }

  /**
   * @return the cron expression as written
   */
  public String cronText() {
    return cron.text();
  }

  /**
   * @return the zone whose wall clock the expression follows
   */
  public ZoneId zoneId() {
    return zone;
  }

  /**
   * @return the workspace each fired job starts with, a JSON object's text
   */
  public String workspaceJson() {
    return workspace;
  }

  /**
   * @return the backfill window; {@link Duration#ZERO} for none
   */
  public Duration backfillWindow() {
    return backfill;
  }

  /**
   * @return whether a fire time is skipped while the previous job has not ended
   */
  public boolean skipsOverlap() {
    return skipOverlap;
  }

  /**
   * @return whether the expression has seconds resolution
   */
  public boolean hasSeconds() {
    return cron.hasSeconds();
  }

  /**
   * @param after an instant
   * @return the first fire time strictly after it, or empty when there is none
   */
  public Optional<Instant> nextAfter(Instant after) {
    return cron.nextAfter(after, zone);
  }

  /**
   * The schedule's identity in the database, stable across deploys while the job name, expression
   * and zone stay the same.
   *
   * @param jobName the job the schedule belongs to
   * @return the key, e.g. {@code nightly_report 0 3 * * * Europe/Berlin}
   */
  public String key(String jobName) {
    return jobName + " " + cron.text() + " " + zone.getId();
  }

  @Override
  public String toString() {
    return "RecurringSchedule[" + cron.text() + " " + zone.getId() + "]";
  }
}
