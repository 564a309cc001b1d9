package dev.dbq.dashboard.internal;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.JobFilter;
import dev.dbq.runtime.JobQuery;
import dev.dbq.runtime.JobState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The jobs page's filter, as its URL carries it ({@code state=FAILED&queue=mail&name=send&from=
 * 2026-12-01T00:00:00Z&to=...&workspace={"customer":42}}): the same parameters serve the page, its
 * counts and an action on everything that matches, so what the operator sees is what they act on.
 *
 * @param states the states; empty for every state
 * @param queue the queue, or null
 * @param name the job name, or null
 * @param from created at or after, or null
 * @param to created before, or null
 * @param workspace a JSON object the workspace contains, or null
 */
public record JobSearch(
    Set<JobState> states, String queue, String name, Instant from, Instant to, String workspace) {

  /**
   * Reads the filter's parameters; a bad value is refused naming it.
   *
   * @throws IllegalArgumentException for an unknown state or a malformed instant
   */
  public static JobSearch parse(Map<String, List<String>> params) {
    Set<JobState> states = EnumSet.noneOf(JobState.class);
    for (String value : params.getOrDefault("state", List.of())) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          states.add(state(part.trim()));
        }
      }
    }
    return new JobSearch(
        states,
        first(params, "queue"),
        first(params, "name"),
        instant(params, "from"),
        instant(params, "to"),
        first(params, "workspace"));
  }

  /** The query of this filter (its page size and cursor apart). */
  public JobQuery query(Dbq dbq) {
    JobQuery query = dbq.jobs().states(states).queue(queue).name(name);
    if (from != null || to != null) {
      query = query.createdBetween(from, to);
    }
    return workspace == null ? query : query.workspaceContains(workspace);
  }

  /**
   * The same filter for {@link dev.dbq.runtime.JobControl}, when it can say it: a control filter
   * knows states, queue and name only.
   */
  public Optional<JobFilter> controlFilter() {
    if (from != null || to != null || workspace != null) {
      return Optional.empty();
    }
    JobFilter filter = JobFilter.all().withStates(states);
    filter = queue == null ? filter : filter.withQueue(queue);
    return Optional.of(name == null ? filter : filter.withName(name));
  }

  private static JobState state(String text) {
    try {
      return JobState.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown state '"
              + text
              + "': a state is one of "
              + Arrays.stream(JobState.values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
  }

  private static String first(Map<String, List<String>> params, String name) {
    return params.getOrDefault(name, List.of()).stream()
        .filter(v -> !v.isBlank())
        .map(String::trim)
        .findFirst()
        .orElse(null);
  }

  private static Instant instant(Map<String, List<String>> params, String name) {
    String text = first(params, name);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO-8601 instant such as 2026-12-01T09:30:00Z, was '" + text + "'");
    }
  }
}
