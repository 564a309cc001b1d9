package dev.dbq.runtime.cli;

import dev.dbq.runtime.JobActionResult;
import dev.dbq.runtime.JobState;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Prints what an action command did: one line with how many jobs it changed, then one line per id
 * it was given and left alone, with the reason.
 */
final class JobActionReport {
  private JobActionReport() {}

  /**
   * @param done the past tense of the action, e.g. "retried"
   * @param takes the states the action takes
   * @param whyNot why a job in one of those states was left alone all the same (it moved on, or
   *     e.g. "it was asked to stop already")
   * @param given the ids the command was given, in their order; empty for a filter
   */
  static void print(
      PrintWriter out,
      String done,
      Set<JobState> takes,
      String whyNot,
      JobActionResult result,
      List<UUID> given) {
    out.printf("%s %d job(s)%n", done, result.changedCount() - result.stopRequested().size());
    if (!result.stopRequested().isEmpty()) {
      out.printf(
          "asked %d running job(s) to stop: they end CANCELLED once their worker stops the step%n",
          result.stopRequested().size());
    }
    for (UUID id : given) {
      JobState state = result.leftAlone().get(id);
      if (state != null && takes.contains(state)) {
        out.printf("left alone %s: it is %s, %s%n", id, state, whyNot);
      } else if (state != null) {
        out.printf("left alone %s: it is %s, not %s%n", id, state, names(takes));
      } else if (result.notFound().contains(id)) {
        out.printf("left alone %s: no such job%n", id);
      }
    }
  }

  private static String names(Set<JobState> states) {
    List<String> names = states.stream().map(Enum::name).toList();
    return names.size() == 1
        ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1))
            + " or "
            + names.get(names.size() - 1);
  }
}
