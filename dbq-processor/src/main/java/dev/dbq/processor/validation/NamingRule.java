package dev.dbq.processor.validation;

import java.util.regex.Pattern;

/**
 * The rule for job and queue names, the same one {@code dev.dbq.runtime} checks at run time: a
 * letter, then letters, digits, {@code _ - .}; at most 100 characters.
 */
final class NamingRule {
  static final int MAX_LENGTH = 100;
  static final int MIN_PRIORITY = Short.MIN_VALUE;
  static final int MAX_PRIORITY = Short.MAX_VALUE;
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

  private NamingRule() {}

  static boolean isValid(String name) {
    return name.length() <= MAX_LENGTH && NAME.matcher(name).matches();
  }

  /**
   * A valid name close to an invalid one: other characters become {@code _}, a leading non-letter
   * gets a {@code job_}-style prefix, and the result is cut to the maximum length.
   *
   * @param invalid the name as written
   * @param prefix what to put before a name that does not start with a letter
   * @return the repaired name, or null when nothing is left to repair
   */
  static String repair(String invalid, String prefix) {
    String trimmed = invalid.strip();
    if (trimmed.isEmpty()) {
      return null;
    }
    String replaced = trimmed.replaceAll("[^A-Za-z0-9_.-]", "_");
    if (!Character.isLetter(replaced.charAt(0)) || replaced.charAt(0) > 'z') {
      replaced = prefix + replaced;
    }
    return replaced.length() > MAX_LENGTH ? replaced.substring(0, MAX_LENGTH) : replaced;
  }
}
