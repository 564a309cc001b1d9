package dev.dbq.processor.validation;

import java.util.Collection;

/** "Did you mean" look-ups: the known name closest to a wrong one, by edit distance. */
final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate closest to {@code wrong}, if it is close enough to be a likely typo: at most a
   * quarter of the longer name's characters apart (at least 2), and not equal.
   *
   * @param wrong the name as written
   * @param candidates known names
   * @return the closest candidate, or null; ties go to the alphabetically first
   */
  static String closest(String wrong, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates.stream().sorted().toList()) {
      int distance = distance(wrong, candidate);
      int limit = Math.max(2, Math.max(wrong.length(), candidate.length()) / 4);
      if (distance > 0 && distance <= limit && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Levenshtein distance, case-sensitive. */
  static int distance(String a, String b) {
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
