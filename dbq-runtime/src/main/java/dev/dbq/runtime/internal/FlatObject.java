package dev.dbq.runtime.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a JSON object whose values are all strings, {@code {"traceparent": "00-..."}}, the shape of
 * a stored trace context, straight from its characters. Why: a tracing worker reads one per step,
 * and Jackson's parser and tree cost more than the span they feed. It answers null for anything
 * else (a nested value, a number, a syntax error), so that the caller hands that to Jackson and
 * gets the same fields as before; it never guesses.
 */
final class FlatObject {
  private final String json;
  private int at;

  private FlatObject(String json) {
    this.json = json;
  }

  /**
   * @return the fields in their order, or null when {@code json} is not a flat object of strings
   *     with distinct names
   */
  static Map<String, String> parse(String json) {
    return new FlatObject(json).object();
  }

  private Map<String, String> object() {
    skipSpace();
    if (!take('{')) {
      return null;
    }
    Map<String, String> fields = new LinkedHashMap<>(4);
    skipSpace();
    if (!take('}')) {
      do {
        skipSpace();
        String name = string();
        skipSpace();
        if (name == null || !take(':')) {
          return null;
        }
        skipSpace();
        String value = string();
        if (value == null) {
          return null;
        }
        if (fields.put(name, value) != null) {
          return null; // a repeated name: what Jackson makes of it is its mapper's setting
        }
        skipSpace();
      } while (take(','));
      if (!take('}')) {
        return null;
      }
    }
    skipSpace();
    return at == json.length() ? Collections.unmodifiableMap(fields) : null;
  }

  /** A string at {@code at}, or null when there is none or it has an escape this does not know. */
  private String string() {
    if (!take('"')) {
      return null;
    }
    int start = at;
    int end = json.indexOf('"', start);
    if (end < 0) {
      return null;
    }
    if (json.indexOf('\\', start) < 0 || json.indexOf('\\', start) > end) {
      at = end + 1;
      return noControl(start, end) ? json.substring(start, end) : null;
    }
    StringBuilder text = new StringBuilder(end - start + 8);
    while (at < json.length()) {
      char c = json.charAt(at++);
      if (c == '"') {
        return text.toString();
      }
      if (c < 0x20) {
        return null;
      }
      if (c != '\\') {
        text.append(c);
        continue;
      }
      if (at >= json.length()) {
        return null;
      }
      char e = json.charAt(at++);
      switch (e) {
        case '"', '\\', '/' -> text.append(e);
        case 'b' -> text.append('\b');
        case 'f' -> text.append('\f');
        case 'n' -> text.append('\n');
        case 'r' -> text.append('\r');
        case 't' -> text.append('\t');
        case 'u' -> {
          if (at + 4 > json.length()) {
            return null;
          }
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(json.charAt(at++), 16);
            if (digit < 0) {
              return null;
            }
            code = code * 16 + digit;
          }
          text.append((char) code);
        }
        default -> {
          return null;
        }
      }
    }
    return null;
  }

  /** JSON forbids raw control characters in a string. */
  private boolean noControl(int start, int end) {
    for (int i = start; i < end; i++) {
      if (json.charAt(i) < 0x20) {
        return false;
      }
    }
    return true;
  }

  private boolean take(char c) {
    if (at < json.length() && json.charAt(at) == c) {
      at++;
      return true;
    }
    return false;
  }

  private void skipSpace() {
    while (at < json.length()) {
      char c = json.charAt(at);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      at++;
    }
  }
}
