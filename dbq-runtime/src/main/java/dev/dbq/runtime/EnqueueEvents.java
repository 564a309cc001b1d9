package dev.dbq.runtime;

import dev.dbq.runtime.internal.Listeners;
import dev.dbq.runtime.internal.store.NewJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Tells a {@link Dbq}'s listeners of the jobs an enqueue wrote; nothing is built without one. */
final class EnqueueEvents {
  private EnqueueEvents() {}

  static void tell(Listeners listeners, List<NewJob> jobs, boolean inCallersTransaction) {
    if (listeners.isEmpty() || jobs.isEmpty()) {
      return;
    }
    var event = new DbqEvent.Enqueued(enqueuedJobs(jobs), inCallersTransaction);
    listeners.tell("onEnqueued", l -> l.onEnqueued(event));
  }

  /** The jobs as events name them, in order. */
  static List<DbqEvent.EnqueuedJob> enqueuedJobs(List<NewJob> jobs) {
    List<DbqEvent.EnqueuedJob> enqueued = new ArrayList<>(jobs.size());
    for (NewJob job : jobs) {
      // a delay counts from the database clock at the insert; the event says when, by this clock
      Instant runAfter =
          job.runAfterDelay() != null ? Instant.now().plus(job.runAfterDelay()) : job.runAfter();
      enqueued.add(
          new DbqEvent.EnqueuedJob(
              new DbqEvent.JobRef(job.id(), job.name(), job.queue()), job.priority(), runAfter));
    }
    return List.copyOf(enqueued);
  }
}
