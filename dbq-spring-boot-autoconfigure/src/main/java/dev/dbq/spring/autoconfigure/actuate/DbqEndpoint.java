package dev.dbq.spring.autoconfigure.actuate;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.JobState;
import dev.dbq.runtime.QueueInfo;
import dev.dbq.spring.autoconfigure.DbqWorkerLifecycle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code dbq} actuator endpoint ({@code GET /actuator/dbq} once exposed with {@code
 * management.endpoints.web.exposure.include=dbq}): every queue with its jobs by state, whether it
 * is paused, its concurrency limit and its oldest runnable job's wait, and this application's
 * worker. Read-only; {@link DbqWritableEndpoint} adds the write operations when {@code
 * dbq.actuator.write-operations.enabled=true}.
 */
@Endpoint(id = "dbq")
public class DbqEndpoint {
  /** The queue. */
  protected final Dbq dbq;

  private final Optional<DbqWorkerLifecycle> worker;

  /**
   * @param dbq the queue
   * @param worker this application's worker, if it runs one
   */
  public DbqEndpoint(Dbq dbq, Optional<DbqWorkerLifecycle> worker) {
    this.dbq = dbq;
    this.worker = worker;
  }

  /**
   * The queues and this application's worker.
   *
   * @return {@code queues}: name to {@code jobs} (by state), {@code paused}, {@code
   *     concurrencyLimit} (null for none), {@code oldestWaiting} (ISO-8601, null when none waits);
   *     {@code worker}: {@code id}, {@code queues}, {@code running}, or null when this application
   *     runs none; {@code writeOperations}: whether they are enabled
   */
  @ReadOperation
  public Map<String, Object> dbq() {
    Map<String, Object> queues = new LinkedHashMap<>();
    for (QueueInfo q : dbq.queues().list()) {
      Map<String, Object> detail = new LinkedHashMap<>();
      Map<String, Long> jobs = new LinkedHashMap<>();
      for (JobState state : JobState.values()) {
        jobs.put(state.name(), q.count(state));
      }
      detail.put("jobs", jobs);
      detail.put("paused", q.paused());
      detail.put(
          "concurrencyLimit",
          q.concurrencyLimit().isPresent() ? q.concurrencyLimit().getAsInt() : null);
      detail.put("oldestWaiting", q.oldestWaiting().map(Object::toString).orElse(null));
      queues.put(q.name(), detail);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("queues", queues);
    body.put(
        "worker",
        worker.flatMap(DbqWorkerLifecycle::worker).map(DbqEndpoint::describe).orElse(null));
    body.put("writeOperations", writeOperationsEnabled());
    return body;
  }

  /**
   * @return whether this endpoint takes write operations
   */
  protected boolean writeOperationsEnabled() {
    return false;
  }

  private static Map<String, Object> describe(DbqWorker w) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("id", w.workerId());
    detail.put("queues", new ArrayList<>(w.queues()));
    detail.put("running", w.isRunning());
    return detail;
  }
}
