package dev.dbq.cron;

import java.util.List;
import java.util.Locale;

/** One field of a cron expression: its name, its allowed range and the names it accepts. */
enum CronField {
  SECOND("second", 0, 59, List.of()),
  MINUTE("minute", 0, 59, List.of()),
  HOUR("hour", 0, 23, List.of()),
  DAY_OF_MONTH("day-of-month", 1, 31, List.of()),
  MONTH(
      "month",
      1,
      12,
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
  // 0 and 7 are both Sunday, as in Vixie cron; 7 is folded into 0 when parsed
  DAY_OF_WEEK("day-of-week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

  final String label;
  final int min;
  final int max;
  private final List<String> names;

  CronField(String label, int min, int max, List<String> names) {
    this.label = label;
    this.min = min;
    this.max = max;
    this.names = names;
  }

  /**
   * Parses this field's text into a bit set of allowed values (bit {@code v} set when {@code v}
   * matches).
   */
  long parse(String text) {
    long bits = 0;
    for (String part : text.split(",", -1)) {
      bits |= parsePart(text, part);
    }
    if (this == DAY_OF_WEEK && (bits & (1L << 7)) != 0) {
      bits = (bits & ~(1L << 7)) | 1L;
    }
    return bits;
  }

  /**
   * Whether the text is the unrestricted {@code *} (or {@code ?}), which matters for day fields.
   */
  static boolean isWildcard(String text) {
    return text.equals("*") || text.equals("?");
  }

  private long parsePart(String whole, String part) {
    if (part.isEmpty()) {
      throw error(whole, "has an empty list element");
    }
    int step = 1;
    String range = part;
    int slash = part.indexOf('/');
    if (slash >= 0) {
      range = part.substring(0, slash);
      step = number(whole, part.substring(slash + 1));
      if (step < 1 || step > max) {
        throw error(whole, "has step " + step + ", allowed 1-" + max);
      }
    }
    int from;
    int to;
    if (isWildcard(range)) {
      if (range.equals("?") && this != DAY_OF_MONTH && this != DAY_OF_WEEK) {
        throw error(whole, "may not be '?' (only day-of-month and day-of-week may)");
      }
      from = min;
      to = this == DAY_OF_WEEK ? 6 : max;
    } else {
      int dash = range.indexOf('-');
      if (dash > 0) {
        from = value(whole, range.substring(0, dash));
        to = value(whole, range.substring(dash + 1));
        if (from > to) {
          throw error(whole, "has range " + range + " whose start is after its end");
        }
      } else {
        from = value(whole, range);
        // "5/15" means from 5 to the end in steps of 15, as in Vixie cron
        to = slash >= 0 ? max : from;
      }
    }
    long bits = 0;
    for (int v = from; v <= to; v += step) {
      bits |= 1L << v;
    }
    return bits;
  }

  private int value(String whole, String token) {
    int named = names.indexOf(token.toUpperCase(Locale.ROOT));
    int v = named >= 0 ? named + (this == MONTH ? 1 : 0) : number(whole, token);
    if (v < min || v > max) {
      throw error(whole, "has value " + v + ", allowed " + allowed());
    }
    return v;
  }

  private int number(String whole, String token) {
    if (token.isEmpty() || token.length() > 9 || !token.chars().allMatch(Character::isDigit)) {
      throw error(whole, "has value '" + token + "', allowed " + allowed());
    }
    return Integer.parseInt(token);
  }

  private String allowed() {
    String range = min + "-" + max;
    if (names.isEmpty()) {
      return range;
    }
    return range + " or " + names.get(0) + "-" + names.get(names.size() - 1);
  }

  private CronSyntaxException error(String whole, String what) {
    return new CronSyntaxException("cron field " + label + " '" + whole + "' " + what);
  }
}
