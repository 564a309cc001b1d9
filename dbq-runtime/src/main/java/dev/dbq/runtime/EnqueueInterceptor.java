package dev.dbq.runtime;

import java.util.List;
import java.util.Map;

/**
 * Sees each enqueue of a {@link Dbq} just before its statement runs, may store a trace context with
 * each job, and is told when the statement ended: the hook a tracing module ({@code
 * dbq-opentelemetry}) opens its send spans with. Registered with {@link Dbq#addEnqueueInterceptor};
 * a worker hands the stored context to its listeners in {@link
 * DbqEvent.StepStarted#traceContext()}, so the spans of the job's steps can link back to the
 * enqueue.
 *
 * <p>Called on the enqueuing thread, after every creation hook ran (the jobs' ids are chosen) and
 * before a connection is used: for {@link Dbq#enqueueAll(java.util.Collection)} and the builders'
 * {@code enqueue(dbq)}, and for enqueues in the caller's transaction ({@link
 * Dbq#enqueueAll(java.sql.Connection, java.util.Collection)}, the builders' {@code
 * enqueue(connection)}), which have no {@code Dbq} and use the interceptors of the {@linkplain
 * Dbq#getDefault() default} one, when there is one. Jobs a worker's recurring schedule enqueues
 * have no trace context.
 *
 * <p>It cannot break an enqueue: what {@link #enqueuing} or {@link Enqueue#ended} throws is logged
 * once per interceptor class at WARN and the jobs are written without its trace context. A {@code
 * Dbq} without an interceptor builds nothing and binds one NULL per statement.
 */
public interface EnqueueInterceptor {
  /**
   * The largest trace context stored with a job, in characters of its JSON object (4 KiB: a W3C
   * {@code traceparent} is 55, a {@code tracestate} at most 512 by its spec). A larger one is
   * dropped, logged once at WARN, and the job is written without it.
   */
  int MAX_TRACE_CONTEXT_CHARS = 4096;

  /**
   * Jobs are about to be written.
   *
   * @param jobs the jobs, in the order given (one element for a single enqueue)
   * @param inCallersTransaction whether they are written in the caller's transaction
   * @return what to store with each job and what to tell when the statement ended; {@link
   *     Enqueue#NONE} to store nothing
   */
  Enqueue enqueuing(List<DbqEvent.EnqueuedJob> jobs, boolean inCallersTransaction);

  /** One enqueue as an {@link EnqueueInterceptor} follows it. */
  interface Enqueue {
    /** Stores nothing and hears nothing. */
    Enqueue NONE = new Enqueue() {};

    /**
     * @param index the job's index in {@link EnqueueInterceptor#enqueuing}'s list
     * @return the trace context to store with that job, as its propagator's fields (a W3C {@code
     *     traceparent} and {@code tracestate}, say); an empty map stores none
     */
    default Map<String, String> traceContext(int index) {
      return Map.of();
    }

    /**
     * The statement ended. Through a {@link Dbq} the jobs are then committed; in the caller's
     * transaction they commit with it, or not at all.
     *
     * @param failure why the jobs were not written, or null when they were
     */
    default void ended(Throwable failure) {}
  }
}
