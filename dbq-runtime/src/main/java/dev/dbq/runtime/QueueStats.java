package dev.dbq.runtime;

import java.time.Duration;

/**
 * One queue's unfinished jobs at one look, as {@link Dbq#queueStats()} reads them.
 *
 * @param queue the queue
 * @param runnable waiting jobs ({@code NEW} or {@code READY}) that may run now
 * @param scheduled waiting jobs whose {@code runAfter} is still ahead (delayed jobs, retries)
 * @param held jobs a worker holds ({@code PROCESSING} or {@code STOPPING})
 * @param oldestRunnableAge how long the oldest runnable job has waited, since the later of its
 *     creation and its {@code runAfter} (database clock); zero when none waits
 */
public record QueueStats(
    String queue, long runnable, long scheduled, long held, Duration oldestRunnableAge) {}
