package dev.dbq.runtime.internal.store;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code dbq_step_run}: one run of a step of a job, as {@link JobStore#stepRuns} reads
 * it. The migration's comments say what each column means.
 *
 * @param id the row's id: a job's runs in the order they were written (the order they ended)
 * @param jobId the job
 * @param stepIndex the step, 0 for the first
 * @param stepName the step's name, or null where the writer could not know it
 * @param attempt the attempt at this step, 1 for the first
 * @param worker the id of the worker that ran it, or null
 * @param started when the run started (database clock)
 * @param ended when it ended (database clock)
 * @param duration {@code ended - started}
 * @param outcome how it ended
 * @param error the job's {@code last_error} it left, or null
 * @param stackTrace the throwable's trace, bounded, or null
 */
public record StepRun(
    long id,
    UUID jobId,
    int stepIndex,
    String stepName,
    int attempt,
    String worker,
    Instant started,
    Instant ended,
    Duration duration,
    StepRunOutcome outcome,
    String error,
    String stackTrace) {}
