package dev.dbq.runtime;

import dev.dbq.runtime.internal.Listeners;
import dev.dbq.runtime.internal.store.NewJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Tells a {@link Dbq}'s listeners of the jobs an enqueue wrote and the duplicates it refused;
 * nothing is built without one.
 */
final class EnqueueEvents {
  private EnqueueEvents() {}

  /** Each job's result: a duplicate when the store answered with another job's id than its own. */
  static List<EnqueueResult> results(List<NewJob> jobs, List<UUID> ids) {
    List<EnqueueResult> results = new ArrayList<>(jobs.size());
    for (int i = 0; i < jobs.size(); i++) {
      results.add(new EnqueueResult(ids.get(i), !ids.get(i).equals(jobs.get(i).id())));
    }
    return List.copyOf(results);
  }

  /**
   * @param jobs the jobs prepared
   * @param ids the id the store answered for each, in the same order (another job's id for a
   *     duplicate)
   */
  static void tell(
      Listeners listeners, List<NewJob> jobs, List<UUID> ids, boolean inCallersTransaction) {
    if (!listeners.hears("onEnqueued") || jobs.isEmpty()) {
      return;
    }
    List<DbqEvent.EnqueuedJob> enqueued = new ArrayList<>(jobs.size());
    List<DbqEvent.EnqueuedJob> duplicates = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      NewJob job = jobs.get(i);
      UUID id = ids.get(i);
      (id.equals(job.id()) ? enqueued : duplicates).add(enqueuedJob(job, id));
    }
    var event =
        new DbqEvent.Enqueued(List.copyOf(enqueued), inCallersTransaction, List.copyOf(duplicates));
    listeners.tell("onEnqueued", l -> l.onEnqueued(event));
  }

  /** The jobs as events name them, in order, before the store answered (each with its own id). */
  static List<DbqEvent.EnqueuedJob> enqueuedJobs(List<NewJob> jobs) {
    List<DbqEvent.EnqueuedJob> enqueued = new ArrayList<>(jobs.size());
    for (NewJob job : jobs) {
      enqueued.add(enqueuedJob(job, job.id()));
    }
    return List.copyOf(enqueued);
  }

  /** A job as events name it, with the id the store answered for it. */
  private static DbqEvent.EnqueuedJob enqueuedJob(NewJob job, UUID id) {
    // a delay counts from the database clock at the insert; the event says when, by this clock
    Instant runAfter =
        job.runAfterDelay() != null ? Instant.now().plus(job.runAfterDelay()) : job.runAfter();
    return new DbqEvent.EnqueuedJob(
        new DbqEvent.JobRef(id, job.name(), job.queue()), job.priority(), runAfter);
  }
}
