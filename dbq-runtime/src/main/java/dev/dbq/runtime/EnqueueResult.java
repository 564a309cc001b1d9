package dev.dbq.runtime;

import java.util.Objects;
import java.util.UUID;

/**
 * What an enqueue did: the id of the job that now stands for the request, and whether that is an
 * existing job because the request was a duplicate of it (see {@link Uniqueness}). Returned by
 * {@link JobBuilder#submit(Dbq)} and {@link Dbq#submitAll}; {@code enqueue(...)} returns only the
 * id.
 *
 * @param id the new job's id, or the existing job's when {@code duplicate}
 * @param duplicate whether nothing was inserted because a job with the same unique key was in a
 *     refusing state (or came earlier in the same batch); always false for jobs without {@code
 *     Uniqueness}
 */
public record EnqueueResult(UUID id, boolean duplicate) {
  /**
   * Checks the id.
   *
   * @param id the job's id
   * @param duplicate whether it is an existing job's
   */
  public EnqueueResult {
    Objects.requireNonNull(id, "id");
  }
}
