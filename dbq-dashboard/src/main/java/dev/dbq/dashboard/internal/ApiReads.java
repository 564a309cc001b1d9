package dev.dbq.dashboard.internal;

import dev.dbq.dashboard.DashboardAction;
import dev.dbq.dashboard.DashboardRequest;
import dev.dbq.dashboard.DashboardResponse;
import dev.dbq.runtime.JobInfo;
import dev.dbq.runtime.JobPage;
import dev.dbq.runtime.JobQuery;
import dev.dbq.runtime.QueueInfo;
import dev.dbq.runtime.ScheduleInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The API's reads ({@code GET api/...}), each one call of the runtime's API:
 *
 * <ul>
 *   <li>{@code api/config}: whether writes are allowed, and which actions this request may take
 *   <li>{@code api/overview}: counts by state, every queue, the last hour's step runs by minute and
 *       the workers seen
 *   <li>{@code api/jobs?FILTER&cursor=C&size=N}: one keyset page of the filter's jobs
 *   <li>{@code api/jobs/count?FILTER}: how many jobs the filter matches, by state (apart, so the
 *       page never waits for a count)
 *   <li>{@code api/jobs/ID}: one job with its workspace and every run of its steps
 *   <li>{@code api/queues}, {@code api/schedules}
 * </ul>
 */
public final class ApiReads {
  private static final Duration ACTIVITY_WINDOW = Duration.ofHours(1);

  private ApiReads() {}

  /**
   * @param path the path below {@code api/}
   * @return the answer, or empty when no read has that path
   */
  public static Optional<DashboardResponse> get(
      Settings settings, DashboardRequest request, String path) {
    return Optional.ofNullable(
        switch (path) {
          case "config" -> config(settings, request);
          case "overview" -> overview(settings);
          case "jobs" -> jobs(settings, request);
          case "jobs/count" -> count(settings, request);
          case "queues" -> queues(settings);
          case "schedules" -> schedules(settings);
          default -> path.startsWith("jobs/") ? job(settings, path.substring(5)) : null;
        });
  }

  private static DashboardResponse config(Settings settings, DashboardRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("writable", settings.allowWrites());
    Map<String, Boolean> actions = new LinkedHashMap<>();
    for (DashboardAction action : DashboardAction.values()) {
      actions.put(action.name().toLowerCase(Locale.ROOT), settings.allows(action, request));
    }
    body.put("actions", actions);
    body.put("user", request.principal().map(p -> p.getName()).orElse(null));
    return Responses.json(200, body);
  }

  private static DashboardResponse overview(Settings settings) {
    Map<String, Object> body = new LinkedHashMap<>();
    List<Object> queues = new ArrayList<>();
    for (QueueInfo queue : settings.dbq().queues().list()) {
      queues.add(Views.queue(queue));
    }
    body.put("counts", Views.counts(settings.dbq().jobs().counts()));
    body.put("queues", queues);
    body.put("activity", Views.activity(settings.dbq().recentActivity(ACTIVITY_WINDOW)));
    return Responses.json(200, body);
  }

  private static DashboardResponse jobs(Settings settings, DashboardRequest request) {
    JobQuery query = JobSearch.parse(request.query()).query(settings.dbq());
    Optional<String> size = request.param("size");
    if (size.isPresent()) {
      query = query.pageSize(integer("size", size.get()));
    }
    JobPage page = query.page(request.param("cursor").orElse(null));
    List<Object> rows = new ArrayList<>();
    for (JobInfo job : page.jobs()) {
      rows.add(Views.jobRow(job));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jobs", rows);
    body.put("next", page.nextCursor());
    return Responses.json(200, body);
  }

  private static DashboardResponse count(Settings settings, DashboardRequest request) {
    JobQuery query = JobSearch.parse(request.query()).query(settings.dbq());
    return Responses.json(200, Views.counts(query.counts()));
  }

  private static DashboardResponse job(Settings settings, String idText) {
    UUID id;
    try {
      id = UUID.fromString(idText);
    } catch (IllegalArgumentException e) {
      return Responses.error(404, "no job has the id '" + idText + "': an id is a UUID");
    }
    return settings
        .dbq()
        .findJob(id)
        .map(job -> Responses.json(200, Views.jobDetail(job)))
        .orElseGet(() -> Responses.error(404, "no job has the id " + id + " (deleted?)"));
  }

  private static DashboardResponse queues(Settings settings) {
    List<Object> queues = new ArrayList<>();
    for (QueueInfo queue : settings.dbq().queues().list()) {
      queues.add(Views.queue(queue));
    }
    return Responses.json(200, Map.of("queues", queues));
  }

  private static DashboardResponse schedules(Settings settings) {
    List<Object> schedules = new ArrayList<>();
    for (ScheduleInfo schedule : settings.dbq().schedules()) {
      schedules.add(Views.schedule(schedule));
    }
    return Responses.json(200, Map.of("schedules", schedules));
  }

  static int integer(String name, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + text + "'");
    }
  }
}
