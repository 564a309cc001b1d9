package dev.dbq.runtime.cli;

import dev.dbq.runtime.JobActionResult;
import dev.dbq.runtime.JobControl;
import dev.dbq.runtime.JobFilter;
import dev.dbq.runtime.JobState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The jobs an action command takes ({@code retry}, {@code cancel}, {@code delete}, {@code
 * run-now}): ids, or a filter of {@code --state}, {@code --queue} and {@code --name}, never both
 * and never neither. Checked before the database is touched.
 */
public final class JobSelection {
  @Parameters(paramLabel = "ID", arity = "0..*", description = "The ids of the jobs.")
  private List<String> ids = new ArrayList<>();

  @Option(
      names = "--state",
      paramLabel = "S",
      split = ",",
      description = "Every job in this state (repeat, or separate with commas).")
  private List<String> states = new ArrayList<>();

  @Option(names = "--queue", paramLabel = "Q", description = "Every job of this queue.")
  private String queue;

  @Option(names = "--name", paramLabel = "N", description = "Every job of this name.")
  private String name;

  /**
   * Runs an action on the selected jobs, by ids or by the filter, and prints its report ({@link
   * JobActionReport}).
   *
   * @return the exit code, 0
   */
  int apply(
      CliContext cli,
      BiFunction<JobControl, Collection<UUID>, JobActionResult> byIds,
      BiFunction<JobControl, JobFilter, JobActionResult> byFilter,
      String done,
      Set<JobState> takes,
      String movedOn) {
    List<UUID> named = byIds() ? ids() : List.of();
    JobControl control = cli.dbq().control();
    JobActionResult result =
        byIds() ? byIds.apply(control, named) : byFilter.apply(control, filter());
    JobActionReport.print(cli.out(), done, takes, movedOn, result, named);
    return 0;
  }

  /** Whether jobs are named by id; false when by the filter. */
  boolean byIds() {
    boolean filtered = !states.isEmpty() || queue != null || name != null;
    if (ids.isEmpty() && !filtered) {
      throw new BadInputException(
          "name the jobs: give their ids, or a filter (--state, --queue, --name)");
    }
    if (!ids.isEmpty() && filtered) {
      throw new BadInputException("give job ids or a filter (--state, --queue, --name), not both");
    }
    return !ids.isEmpty();
  }

  /** The ids, each checked to be a UUID. */
  List<UUID> ids() {
    List<UUID> parsed = new ArrayList<>(ids.size());
    for (String id : ids) {
      try {
        UUID uuid = UUID.fromString(id);
        // UUID.fromString accepts shortened forms ("1-2-3-4-5"); a job id is always written whole
        if (!uuid.toString().equalsIgnoreCase(id)) {
          throw new IllegalArgumentException(id);
        }
        parsed.add(uuid);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(
            "'" + id + "' is not a job id: a UUID such as 123e4567-e89b-12d3-a456-426614174000");
      }
    }
    return parsed;
  }

  /** The filter, its states checked to be states. */
  JobFilter filter() {
    Set<JobState> parsed = EnumSet.noneOf(JobState.class);
    for (String state : states) {
      try {
        parsed.add(JobState.valueOf(state.trim().toUpperCase(java.util.Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new BadInputException(
            "--state '"
                + state
                + "' is not a state: one of "
                + Arrays.stream(JobState.values())
                    .map(Enum::name)
                    .collect(Collectors.joining(", ")));
      }
    }
    JobFilter filter = JobFilter.all().withStates(parsed);
    if (queue != null) {
      filter = filter.withQueue(queue);
    }
    if (name != null) {
      filter = filter.withName(name);
    }
    return filter;
  }
}
