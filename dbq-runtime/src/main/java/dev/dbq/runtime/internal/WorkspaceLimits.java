package dev.dbq.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.WorkspaceException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The size and shape checks on workspaces: {@link Dbq#MAX_WORKSPACE_BYTES} on what dbq writes, and
 * a guard on what the worker reads back, so that a row edited by hand (or written around dbq) fails
 * its job with a clear error instead of being bound.
 */
public final class WorkspaceLimits {
  /**
   * The largest stored workspace the worker reads. PostgreSQL prints {@code jsonb} with a space
   * after every {@code :} and {@code ,}, so a workspace written at the limit can come back up to
   * half as large again; twice the limit leaves room for that and still refuses absurd rows.
   */
  public static final int MAX_STORED_BYTES = 2 * Dbq.MAX_WORKSPACE_BYTES;

  /**
   * {@code jsonb} numbers are PostgreSQL {@code numeric}: at most this many digits before the
   * point.
   */
  static final int MAX_INTEGER_DIGITS = 131_072;

  /** ... and at most this many after it. */
  static final int MAX_FRACTION_DIGITS = 16_383;

  private WorkspaceLimits() {}

  /**
   * Finds the first value of a workspace that {@code jsonb} cannot store or JSON cannot say: a NUL
   * character (PostgreSQL's text types refuse it), a lone UTF-16 surrogate (it has no UTF-8 form:
   * the driver would store {@code ?}), a number that is not finite (Jackson would write the string
   * {@code "NaN"}) or one outside {@code numeric}'s range.
   *
   * @param node the workspace as a tree
   * @return what is wrong, to complete "workspace ...", naming the value's JSON pointer; or null
   */
  static String problemWithValue(JsonNode node) {
    return problemAt(node, "");
  }

  private static String problemAt(JsonNode node, String path) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String at = path + "/" + pointerToken(field.getKey());
        String problem = problemWithText(field.getKey(), "key", at);
        if (problem == null) {
          problem = problemAt(field.getValue(), at);
        }
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String problem = problemAt(node.get(i), path + "/" + i);
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }
    if (node.isTextual()) {
      return problemWithText(node.textValue(), "string", path);
    }
    if (node.isFloat() || node.isDouble()) {
      double d = node.doubleValue();
      if (!Double.isFinite(d)) {
        return "holds the number "
            + d
            + " at "
            + where(path)
            + ", which JSON cannot represent (only finite numbers)";
      }
      return null;
    }
    if (node.isBigDecimal() || node.isBigInteger()) {
      BigDecimal value = node.decimalValue();
      long integerDigits = (long) value.precision() - value.scale();
      if (integerDigits > MAX_INTEGER_DIGITS || value.scale() > MAX_FRACTION_DIGITS) {
        return "holds a number at "
            + where(path)
            + " outside what PostgreSQL's jsonb stores (at most "
            + MAX_INTEGER_DIGITS
            + " digits before the point and "
            + MAX_FRACTION_DIGITS
            + " after)";
      }
    }
    return null;
  }

  private static String problemWithText(String text, String what, String path) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        return "holds a NUL character (\\u0000) in the "
            + what
            + " at "
            + where(path)
            + ", which PostgreSQL's jsonb cannot store";
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "holds a lone UTF-16 surrogate (\\u"
            + Integer.toHexString(c)
            + ") in the "
            + what
            + " at "
            + where(path)
            + ", which has no UTF-8 form; write the whole character";
      }
    }
    return null;
  }

  /** The pointer, quoted, with control characters and surrogates written as escapes. */
  private static String where(String path) {
    if (path.isEmpty()) {
      return "the top";
    }
    StringBuilder quoted = new StringBuilder("'");
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (Character.isISOControl(c) || Character.isSurrogate(c)) {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('\'').toString();
  }

  /** RFC 6901: '~' and '/' escaped. */
  private static String pointerToken(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  /**
   * Refuses a workspace over {@link Dbq#MAX_WORKSPACE_BYTES}.
   *
   * @param json compact JSON as dbq is about to store it
   * @throws WorkspaceException naming the size and the limit
   */
  static void checkWritten(String json) {
    int bytes = utf8Length(json);
    if (bytes > Dbq.MAX_WORKSPACE_BYTES) {
      throw new WorkspaceException(
          "workspace is "
              + bytes
              + " bytes of JSON, over the limit of "
              + Dbq.MAX_WORKSPACE_BYTES
              + " bytes (Dbq.MAX_WORKSPACE_BYTES); keep bulk data elsewhere and store a reference");
    }
  }

  /**
   * Checks a stored workspace before it is parsed.
   *
   * @param json the workspace as the claim read it ({@code workspace::text})
   * @return what is wrong with it, to complete "workspace of job 'x' ...", or null when it may be
   *     read
   */
  public static String problemWithStored(String json) {
    if (json == null) {
      return "is missing";
    }
    int bytes = utf8Length(json);
    if (bytes > MAX_STORED_BYTES) {
      return "is "
          + bytes
          + " bytes as stored, over the limit of "
          + MAX_STORED_BYTES
          + " bytes that the worker reads (twice Dbq.MAX_WORKSPACE_BYTES)";
    }
    // jsonb prints an object as '{' first; anything else is a scalar, an array or null
    String trimmed = json.stripLeading();
    if (!trimmed.startsWith("{")) {
      return "must be a JSON object, was " + kind(trimmed);
    }
    return null;
  }

  private static String kind(String json) {
    if (json.startsWith("[")) {
      return "an array";
    }
    if (json.startsWith("\"")) {
      return "a string";
    }
    if (json.equals("null")) {
      return "null";
    }
    if (json.equals("true") || json.equals("false")) {
      return "a boolean";
    }
    return "a number";
  }

  /** UTF-8 length without encoding the string (a workspace may be megabytes). */
  public static int utf8Length(String s) {
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return (int) Math.min(bytes, Integer.MAX_VALUE);
  }
}
