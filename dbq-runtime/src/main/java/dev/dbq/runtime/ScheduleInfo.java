package dev.dbq.runtime;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/**
 * A recurring schedule as the database knows it (see {@link Dbq#schedules()}): registered by the
 * workers whose catalog declares it.
 *
 * @param jobName the job it enqueues
 * @param cron its cron expression
 * @param zone the zone its expression follows
 * @param lastSeen when a worker last registered it (database clock)
 * @param nextFireTime its next fire time after now; empty when it never fires again
 * @param lastFireTime its latest fire time; empty before the first
 * @param lastJob the job its latest fire time enqueued; empty when skipped or before the first
 * @param lastOutcome what became of the latest fire time: its job's state ({@code NEW}, {@code
 *     COMPLETE}, {@code FAILED}, ...), {@code SKIPPED} (overlap policy), {@code DELETED} (the job
 *     was deleted since) or {@code NONE} (not fired yet)
 */
public record ScheduleInfo(
    String jobName,
    String cron,
    ZoneId zone,
    Instant lastSeen,
    Optional<Instant> nextFireTime,
    Optional<Instant> lastFireTime,
    Optional<UUID> lastJob,
    String lastOutcome) {}
