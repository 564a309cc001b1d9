package dev.dbq.runtime;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored job as {@link Dbq#findJob(UUID)} reads it.
 *
 * @param id the job's id
 * @param name the job's name
 * @param queue the queue it waits in
 * @param priority its priority
 * @param state its state
 * @param nextStep the index of the step to run next (equal to the step count once complete)
 * @param workspace the workspace as JSON text
 * @param created when it was enqueued
 * @param modified when it last changed
 * @param runAfter the earliest time it may run, or null
 * @param attempt attempts made at the current step
 * @param lastError the message of the last failure, or null
 */
public record JobInfo(
    UUID id,
    String name,
    String queue,
    int priority,
    JobState state,
    int nextStep,
    String workspace,
    Instant created,
    Instant modified,
    Instant runAfter,
    int attempt,
    String lastError) {}
