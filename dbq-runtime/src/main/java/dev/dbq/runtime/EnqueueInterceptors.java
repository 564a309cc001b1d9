package dev.dbq.runtime;

import dev.dbq.runtime.internal.RuntimeLoggers;
import dev.dbq.runtime.internal.TraceContextJson;
import dev.dbq.runtime.internal.store.NewJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;

/**
 * A {@link Dbq}'s {@link EnqueueInterceptor}s around one enqueue: asks each for its trace context
 * before the statement, writes it into the jobs, tells each when the statement ended. Callers skip
 * it entirely when {@link #isEmpty()}, so a {@code Dbq} without interceptors pays nothing.
 *
 * <p>An interceptor cannot break an enqueue: what it throws, and a trace context that cannot be
 * stored (over {@link EnqueueInterceptor#MAX_TRACE_CONTEXT_CHARS}, or holding a NUL character that
 * {@code jsonb} refuses), is logged once per interceptor class and kind, and the jobs are written
 * without it.
 */
final class EnqueueInterceptors {
  private static final Logger log = RuntimeLoggers.of(EnqueueInterceptor.class);

  /** The statement that writes the jobs. */
  @FunctionalInterface
  interface Insert {
    List<UUID> write(List<NewJob> jobs);
  }

  private final List<EnqueueInterceptor> interceptors = new CopyOnWriteArrayList<>();
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  boolean isEmpty() {
    return interceptors.isEmpty();
  }

  void add(EnqueueInterceptor interceptor) {
    interceptors.add(interceptor);
  }

  boolean remove(EnqueueInterceptor interceptor) {
    return interceptors.remove(interceptor);
  }

  /**
   * Runs {@code insert} on the jobs with the interceptors' trace contexts, telling them its end.
   */
  List<UUID> around(List<NewJob> jobs, boolean inCallersTransaction, Insert insert) {
    if (jobs.isEmpty()) {
      return insert.write(jobs);
    }
    List<DbqEvent.EnqueuedJob> told = EnqueueEvents.enqueuedJobs(jobs);
    List<EnqueueInterceptor> all = List.copyOf(interceptors);
    List<EnqueueInterceptor.Enqueue> enqueues = new ArrayList<>(all.size());
    for (EnqueueInterceptor interceptor : all) {
      EnqueueInterceptor.Enqueue enqueue = null;
      try {
        enqueue = interceptor.enqueuing(told, inCallersTransaction);
      } catch (RuntimeException | LinkageError | AssertionError e) {
        report(interceptor, "enqueuing", e);
      }
      enqueues.add(enqueue == null ? EnqueueInterceptor.Enqueue.NONE : enqueue);
    }
    List<NewJob> traced = withTraceContexts(jobs, all, enqueues);
    List<UUID> ids;
    try {
      ids = insert.write(traced);
    } catch (RuntimeException | Error e) {
      ended(all, enqueues, e);
      throw e;
    }
    ended(all, enqueues, null);
    return ids;
  }

  private List<NewJob> withTraceContexts(
      List<NewJob> jobs, List<EnqueueInterceptor> all, List<EnqueueInterceptor.Enqueue> enqueues) {
    List<NewJob> traced = new ArrayList<>(jobs.size());
    for (int i = 0; i < jobs.size(); i++) {
      Map<String, String> fields = null;
      for (int k = 0; k < all.size(); k++) {
        Map<String, String> given = traceContext(all.get(k), enqueues.get(k), i);
        if (given != null && !given.isEmpty()) {
          if (fields == null) {
            fields = given;
          } else {
            // several interceptors: one object, a later one's field wins
            Map<String, String> merged = new LinkedHashMap<>(fields);
            merged.putAll(given);
            fields = merged;
          }
        }
      }
      String json = fields == null ? null : storable(fields);
      traced.add(json == null ? jobs.get(i) : jobs.get(i).withTraceContext(json));
    }
    return traced;
  }

  private Map<String, String> traceContext(
      EnqueueInterceptor interceptor, EnqueueInterceptor.Enqueue enqueue, int index) {
    try {
      return enqueue.traceContext(index);
    } catch (RuntimeException | LinkageError | AssertionError e) {
      report(interceptor, "traceContext", e);
      return null;
    }
  }

  /** The fields as JSON, or null (logged once) when they cannot be stored. */
  private String storable(Map<String, String> fields) {
    String json;
    try {
      json = TraceContextJson.write(fields);
    } catch (RuntimeException e) {
      json = null; // a null key or value
    }
    String problem =
        json == null
            ? "cannot be written as JSON (a null field?)"
            : json.length() > EnqueueInterceptor.MAX_TRACE_CONTEXT_CHARS
                ? "is "
                    + json.length()
                    + " characters of JSON, over the limit of "
                    + EnqueueInterceptor.MAX_TRACE_CONTEXT_CHARS
                : json.contains("\\u0000") ? "holds a NUL character, which jsonb refuses" : null;
    if (problem != null) {
      if (reported.add("storable")) {
        log.warn("a trace context {}; jobs are enqueued without it (logged once)", problem);
      }
      return null;
    }
    return json;
  }

  private void ended(
      List<EnqueueInterceptor> all, List<EnqueueInterceptor.Enqueue> enqueues, Throwable failure) {
    for (int k = 0; k < all.size(); k++) {
      try {
        enqueues.get(k).ended(failure);
      } catch (RuntimeException | LinkageError | AssertionError e) {
        report(all.get(k), "ended", e);
      }
    }
  }

  private void report(EnqueueInterceptor interceptor, String kind, Throwable e) {
    if (reported.add(interceptor.getClass().getName() + "#" + kind)) {
      log.warn(
          "enqueue interceptor {} threw in {}; ignored, and further throws of it in {} are not"
              + " logged",
          interceptor.getClass().getName(),
          kind,
          kind,
          e);
    }
  }
}
