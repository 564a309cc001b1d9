package dev.dbq.spring.autoconfigure.actuate;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.JobActionResult;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobFilter;
import dev.dbq.runtime.JobState;
import dev.dbq.spring.autoconfigure.DbqWorkerLifecycle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code dbq} endpoint with its write operations, in place of {@link DbqEndpoint} when {@code
 * dbq.actuator.write-operations.enabled=true}: {@code POST /actuator/dbq} with a JSON body {@code
 * {"action": "pause", "queue": "mail"}}; actions {@code pause}, {@code resume} (a queue is
 * required) and {@code retry-failed} (every FAILED job, of the queue when one is given). Each acts
 * on the database, so on every process that uses it.
 */
@Endpoint(id = "dbq")
public class DbqWritableEndpoint extends DbqEndpoint {
  private final JobCatalog catalog;

  /**
   * @param dbq the queue
   * @param worker this application's worker, if it runs one
   * @param catalog the jobs, to check a retry against
   */
  public DbqWritableEndpoint(Dbq dbq, Optional<DbqWorkerLifecycle> worker, JobCatalog catalog) {
    super(dbq, worker);
    this.catalog = catalog;
  }

  /**
   * Pauses or resumes a queue, or retries failed jobs.
   *
   * @param action {@code pause}, {@code resume} or {@code retry-failed}
   * @param queue the queue; required for {@code pause} and {@code resume}, optional for {@code
   *     retry-failed}
   * @return {@code action}, {@code queue}, and for {@code retry-failed} the number {@code retried}
   * @throws InvalidEndpointRequestException (HTTP 400) when the action is unknown, or the queue is
   *     missing or breaks the queue naming rule
   */
  @WriteOperation
  public Map<String, Object> act(String action, @Nullable String queue) {
    try {
      return run(action, queue);
    } catch (IllegalArgumentException e) {
      // the caller's mistake: a 400 with the reason, not a 500
      throw new InvalidEndpointRequestException(e.getMessage(), e.getMessage());
    }
  }

  private Map<String, Object> run(String action, @Nullable String queue) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("action", action);
    result.put("queue", queue);
    switch (action) {
      case "pause" -> dbq.queues().pause(required(action, queue));
      case "resume" -> dbq.queues().resume(required(action, queue));
      case "retry-failed" -> {
        JobFilter failed = JobFilter.all().withStates(JobState.FAILED);
        JobActionResult retried =
            dbq.control()
                .withCatalog(catalog)
                .retry(queue == null ? failed : failed.withQueue(queue));
        result.put("retried", retried.changedCount());
      }
      default ->
          throw new IllegalArgumentException(
              "action must be pause, resume or retry-failed, was '" + action + "'");
    }
    return result;
  }

  @Override
  protected boolean writeOperationsEnabled() {
    return true;
  }

  private static String required(String action, String queue) {
    if (queue == null || queue.isBlank()) {
      throw new IllegalArgumentException(action + " needs a queue: {\"queue\": \"name\"}");
    }
    return queue;
  }
}
