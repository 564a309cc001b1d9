package dev.dbq.runtime.internal.store;

import java.util.UUID;

/**
 * A job this worker holds for one step: the row as the claim statement returned it.
 *
 * @param id the job's id
 * @param name the job's name
 * @param queue the queue it was claimed from
 * @param priority its priority
 * @param seq its insertion order
 * @param stepIndex the step to run ({@code next_step})
 * @param workspaceJson the stored workspace
 * @param attempt this attempt at the step, 1 for the first (already counted in the row)
 * @param claimId the token that fences every write of this claim
 */
public record Claim(
    UUID id,
    String name,
    String queue,
    int priority,
    long seq,
    int stepIndex,
    String workspaceJson,
    int attempt,
    UUID claimId) {}
