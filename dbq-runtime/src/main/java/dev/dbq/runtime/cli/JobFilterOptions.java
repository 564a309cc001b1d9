package dev.dbq.runtime.cli;

import dev.dbq.runtime.JobQuery;
import dev.dbq.runtime.JobState;
import dev.dbq.runtime.WorkspaceException;
import dev.dbq.runtime.internal.NamingRules;
import dev.dbq.runtime.internal.WorkspaceCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The filters {@code dbq list} takes (a mixin, so that later commands that act on "all jobs
 * matching a filter" take the same ones): each is checked before the database is touched.
 */
public final class JobFilterOptions {
  @Option(
      names = "--state",
      paramLabel = "S",
      split = ",",
      description = "Only jobs in this state; repeat it or separate states by commas for several.")
  private List<String> states = new ArrayList<>();

  @Option(
      names = {"--queue", "--queue-name"},
      paramLabel = "Q",
      description = "Only jobs of this queue.")
  private String queue;

  @Option(names = "--name", paramLabel = "N", description = "Only jobs of this name.")
  private String name;

  @Option(
      names = "--where",
      paramLabel = "JSON",
      description =
          "Only jobs whose workspace contains this JSON object (jsonb @>), e.g."
              + " '{\"customer\":42}'.")
  private String where;

  /**
   * Checks every filter and applies it.
   *
   * @throws BadInputException naming the bad value and the rule
   */
  JobQuery applyTo(JobQuery query) {
    return query
        .states(parseStates(states))
        .queue(checked(queue, NamingRules::checkQueueName))
        .name(checked(name, NamingRules::checkJobName))
        .workspaceContains(checkedWhere(where));
  }

  /** Checks what can be checked without a database, so that bad input never opens a connection. */
  void check() {
    parseStates(states);
    checked(queue, NamingRules::checkQueueName);
    checked(name, NamingRules::checkJobName);
    checkedWhere(where);
  }

  static Set<JobState> parseStates(List<String> texts) {
    EnumSet<JobState> parsed = EnumSet.noneOf(JobState.class);
    for (String text : texts) {
      try {
        parsed.add(JobState.valueOf(text.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new BadInputException(
            "--state '" + text + "' is not a state; the states are " + knownStates());
      }
    }
    return parsed;
  }

  private static String knownStates() {
    return String.join(", ", Arrays.stream(JobState.values()).map(Enum::name).toList());
  }

  private static String checked(String value, java.util.function.UnaryOperator<String> rule) {
    if (value == null) {
      return null;
    }
    try {
      return rule.apply(value);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  private static String checkedWhere(String json) {
    if (json == null) {
      return null;
    }
    try {
      return WorkspaceCodec.parseGiven(json).toString();
    } catch (WorkspaceException e) {
      throw new BadInputException(
          "--where '" + json + "': " + e.getMessage().replaceFirst("^workspace ", "the filter "));
    }
  }
}
