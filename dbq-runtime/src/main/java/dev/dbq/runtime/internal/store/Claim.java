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
 * @param ageMicros the job's age at the claim (database clock), or -1 when unknown
 * @param runnableMicros the time since it became runnable (the later of created and run_after) at
 *     the claim, or -1 when unknown
 * @param claimedNanos {@link System#nanoTime()} just before the claim statement ran
 * @param traceContextJson the trace context stored at the enqueue, a JSON object, or null
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
    UUID claimId,
    long ageMicros,
    long runnableMicros,
    long claimedNanos,
    String traceContextJson) {

  /** A claim whose ages are unknown (warm-ups, tests). */
  public Claim(
      UUID id,
      String name,
      String queue,
      int priority,
      long seq,
      int stepIndex,
      String workspaceJson,
      int attempt,
      UUID claimId) {
    this(
        id,
        name,
        queue,
        priority,
        seq,
        stepIndex,
        workspaceJson,
        attempt,
        claimId,
        -1,
        -1,
        0,
        null);
  }
}
