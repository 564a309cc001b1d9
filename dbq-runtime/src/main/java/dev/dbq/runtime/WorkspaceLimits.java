package dev.dbq.runtime;

/**
 * The size and shape checks on workspaces: {@link Dbq#MAX_WORKSPACE_BYTES} on what dbq writes, and
 * a guard on what the worker reads back, so that a row edited by hand (or written around dbq) fails
 * its job with a clear error instead of being bound.
 */
final class WorkspaceLimits {
  /**
   * The largest stored workspace the worker reads. PostgreSQL prints {@code jsonb} with a space
   * after every {@code :} and {@code ,}, so a workspace written at the limit can come back up to
   * half as large again; twice the limit leaves room for that and still refuses absurd rows.
   */
  static final int MAX_STORED_BYTES = 2 * Dbq.MAX_WORKSPACE_BYTES;

  private WorkspaceLimits() {}

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
  static String problemWithStored(String json) {
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
  static int utf8Length(String s) {
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
