package dev.dbq.runtime.internal;

import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import java.util.List;
import java.util.Optional;

/** The one-line reason for an unknown job name: the known names, and the nearest one. */
public final class UnknownJobMessage {
  private UnknownJobMessage() {}

  public static String of(String name, JobCatalog catalog) {
    List<String> known = catalog.jobs().stream().map(JobDefinition::name).toList();
    if (known.isEmpty()) {
      return "unknown job '"
          + name
          + "': no job catalog is on the class path (is the dbq annotation processor enabled?)";
    }
    StringBuilder message = new StringBuilder("unknown job '").append(name).append("'");
    nearest(name, known).ifPresent(n -> message.append(" (did you mean '").append(n).append("'?)"));
    message.append("; known jobs: ").append(String.join(", ", known));
    return message.toString();
  }

  /** The known name within a small edit distance of {@code name}, if any. */
  static Optional<String> nearest(String name, List<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(name.toLowerCase(), candidate.toLowerCase());
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int allowed = Math.max(2, name.length() / 3);
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
