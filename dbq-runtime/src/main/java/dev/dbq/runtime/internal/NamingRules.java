package dev.dbq.runtime.internal;

import java.util.regex.Pattern;

/** The rule job and queue names follow, the same one the annotation processor checks. */
public final class NamingRules {
  static final int MAX_LENGTH = 100;
  static final int MIN_PRIORITY = Short.MIN_VALUE;
  static final int MAX_PRIORITY = Short.MAX_VALUE;
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

  private NamingRules() {}

  public static boolean isValidName(String name) {
    return name != null && name.length() <= MAX_LENGTH && NAME.matcher(name).matches();
  }

  public static String checkJobName(String name) {
    return check("job name", name);
  }

  public static String checkQueueName(String name) {
    return check("queue name", name);
  }

  public static int checkPriority(int priority) {
    if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
      throw new IllegalArgumentException(
          "priority must be between "
              + MIN_PRIORITY
              + " and "
              + MAX_PRIORITY
              + ", was "
              + priority);
    }
    return priority;
  }

  private static String check(String what, String name) {
    if (!isValidName(name)) {
      throw new IllegalArgumentException(
          what
              + " '"
              + name
              + "' is invalid: use a letter, then letters, digits, '_', '-' or '.', at most "
              + MAX_LENGTH
              + " characters");
    }
    return name;
  }
}
