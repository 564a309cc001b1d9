package dev.dbq.processor.model;

import java.time.Duration;
import java.util.Optional;

/**
 * One valid {@code @Recurring} schedule of a job, as the generated definition declares it.
 *
 * @param cron the cron expression as written
 * @param zone the zone id
 * @param workspace the fixed workspace, a JSON object's text
 * @param backfill the window in which missed fire times still fire; empty for none
 * @param skipOverlap whether a fire time is skipped while the previous job has not ended
 */
public record ScheduleModel(
    String cron, String zone, String workspace, Optional<Duration> backfill, boolean skipOverlap) {}
