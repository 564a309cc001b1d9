package dev.dbq.dashboard.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbq.dashboard.DashboardAction;
import dev.dbq.dashboard.DashboardRequest;
import dev.dbq.dashboard.DashboardResponse;
import dev.dbq.runtime.JobActionResult;
import dev.dbq.runtime.JobControl;
import dev.dbq.runtime.JobFilter;
import dev.dbq.runtime.JobInfo;
import dev.dbq.runtime.JobPage;
import dev.dbq.runtime.JobQuery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The API's actions ({@code POST api/...}, a JSON body), each asked of the authorizer first:
 *
 * <ul>
 *   <li>{@code api/jobs/retry|cancel|delete|run-now} with {@code {"ids": [...]}} for chosen jobs,
 *       or {@code {"filter": "state=FAILED&queue=mail"}} for every job the jobs page's filter (its
 *       URL query) matches
 *   <li>{@code api/queues/NAME/pause|resume}, {@code api/queues/NAME/limit} with {@code {"limit":
 *       3}} ({@code null} removes it)
 * </ul>
 *
 * <p>A filter of states, queue and name is one statement of {@link JobControl}; one with a time
 * window or workspace content (which {@link JobFilter} cannot say) is walked page by page in the
 * claim's order, each page's ids acted on at once: the keyset positions never move, so every job
 * that matched is reached once.
 */
public final class ApiActions {
  private static final int WALK_PAGE = JobQuery.MAX_PAGE_SIZE;

  private ApiActions() {}

  /** The action of a path, or empty when no action has it. */
  public static Optional<DashboardAction> actionOf(String path) {
    return Optional.ofNullable(
        switch (path) {
          case "jobs/retry" -> DashboardAction.RETRY;
          case "jobs/cancel" -> DashboardAction.CANCEL;
          case "jobs/delete" -> DashboardAction.DELETE;
          case "jobs/run-now" -> DashboardAction.RUN_NOW;
          default -> queueAction(path);
        });
  }

  private static DashboardAction queueAction(String path) {
    if (!path.startsWith("queues/")) {
      return null;
    }
    if (path.endsWith("/pause")) {
      return DashboardAction.PAUSE_QUEUE;
    }
    if (path.endsWith("/resume")) {
      return DashboardAction.RESUME_QUEUE;
    }
    return path.endsWith("/limit") ? DashboardAction.LIMIT_QUEUE : null;
  }

  /** Runs an action the guard let through. */
  public static DashboardResponse post(
      Settings settings, DashboardRequest request, String path, DashboardAction action) {
    JsonNode body = body(request);
    JobControl control = settings.dbq().control();
    return switch (action) {
      case RETRY -> jobs(settings, body, control::retry, control::retry);
      case CANCEL -> jobs(settings, body, control::cancel, control::cancel);
      case DELETE -> jobs(settings, body, control::delete, control::delete);
      case RUN_NOW -> jobs(settings, body, control::runNow, control::runNow);
      case PAUSE_QUEUE, RESUME_QUEUE, LIMIT_QUEUE -> queue(settings, path, action, body);
    };
  }

  private static DashboardResponse jobs(
      Settings settings,
      JsonNode body,
      Function<Collection<UUID>, JobActionResult> byIds,
      Function<JobFilter, JobActionResult> byFilter) {
    JsonNode ids = body.get("ids");
    JsonNode filter = body.get("filter");
    if ((ids == null) == (filter == null)) {
      throw new IllegalArgumentException(
          "an action takes either \"ids\" (a list of job ids) or \"filter\" (the jobs page's query),"
              + " one of them");
    }
    if (ids != null) {
      JobActionResult result = byIds.apply(uuids(ids));
      return result(result.changedCount(), result.leftAlone().size(), result.notFound().size());
    }
    JobSearch search = JobSearch.parse(DashboardRequest.parseQuery(filter.asText()));
    Optional<JobFilter> control = search.controlFilter();
    if (control.isPresent()) {
      return result(byFilter.apply(control.get()).changedCount(), 0, 0);
    }
    return walk(search.query(settings.dbq()).pageSize(WALK_PAGE), byIds);
  }

  private static DashboardResponse walk(
      JobQuery query, Function<Collection<UUID>, JobActionResult> byIds) {
    int changed = 0;
    int leftAlone = 0;
    String cursor = null;
    do {
      JobPage page = query.page(cursor);
      List<UUID> ids = new ArrayList<>(page.jobs().size());
      for (JobInfo job : page.jobs()) {
        ids.add(job.id());
      }
      JobActionResult result = byIds.apply(ids);
      changed += result.changedCount();
      leftAlone += result.leftAlone().size();
      cursor = page.nextCursor();
    } while (cursor != null);
    return result(changed, leftAlone, 0);
  }

  private static DashboardResponse queue(
      Settings settings, String path, DashboardAction action, JsonNode body) {
    String name = path.substring("queues/".length(), path.lastIndexOf('/'));
    switch (action) {
      case PAUSE_QUEUE -> settings.dbq().queues().pause(name);
      case RESUME_QUEUE -> settings.dbq().queues().resume(name);
      default -> {
        JsonNode limit = body.get("limit");
        if (limit == null || limit.isNull()) {
          settings.dbq().queues().removeLimit(name);
        } else if (limit.canConvertToInt() && limit.isIntegralNumber()) {
          settings.dbq().queues().limit(name, limit.asInt());
        } else {
          throw new IllegalArgumentException(
              "limit must be a whole number, or null for none, was " + limit);
        }
      }
    }
    return Responses.json(200, Views.queue(settings.dbq().queues().get(name)));
  }

  private static DashboardResponse result(int changed, int leftAlone, int notFound) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("changed", changed);
    body.put("leftAlone", leftAlone);
    body.put("notFound", notFound);
    return Responses.json(200, body);
  }

  private static List<UUID> uuids(JsonNode ids) {
    if (!ids.isArray()) {
      throw new IllegalArgumentException("\"ids\" must be a list of job ids, was " + ids);
    }
    List<UUID> list = new ArrayList<>();
    for (JsonNode id : ids) {
      try {
        list.add(UUID.fromString(id.asText()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not a job id: " + id);
      }
    }
    return list;
  }

  private static JsonNode body(DashboardRequest request) {
    byte[] bytes = request.body();
    if (bytes.length == 0) {
      return Responses.JSON.createObjectNode();
    }
    try {
      JsonNode node = Responses.JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("the request body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException("the request body is not JSON: " + e.getMessage());
    }
  }
}
