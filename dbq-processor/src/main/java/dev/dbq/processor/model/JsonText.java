package dev.dbq.processor.model;

/**
 * Checks that a text is a JSON object (RFC 8259), for {@code @Recurring(workspace)}. The processor
 * has no JSON library on its path (it adds nothing to the user's processor path but dbq's own
 * modules), and a syntax check is all it needs: the runtime reads the text with Jackson.
 */
public final class JsonText {
  private final String text;
  private int at;

  private JsonText(String text) {
    this.text = text;
  }

  /**
   * @param text the annotation value
   * @return what is wrong with it ("expected ':' at offset 7"), or null when it is a JSON object
   */
  public static String problem(String text) {
    JsonText json = new JsonText(text);
    try {
      json.space();
      if (json.peek() != '{') {
        return "expected '{' at offset " + json.at;
      }
      json.value();
      json.space();
      if (json.at != text.length()) {
        return "unexpected '" + text.charAt(json.at) + "' at offset " + json.at;
      }
      return null;
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void space() {
    while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
  }

  private void expect(char c) {
    if (peek() != c) {
      throw fail("expected '" + c + "'");
    }
    at++;
  }

  private IllegalStateException fail(String what) {
    return new IllegalStateException(
        what + (at < text.length() ? " at offset " + at : " at the end"));
  }

  private void value() {
    space();
    char c = peek();
    switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (c == '-' || Character.isDigit(c)) {
          number();
        } else {
          throw fail("expected a value");
        }
      }
    }
  }

  private void object() {
    expect('{');
    space();
    if (peek() == '}') {
      at++;
      return;
    }
    while (true) {
      space();
      string();
      space();
      expect(':');
      value();
      space();
      if (peek() == ',') {
        at++;
      } else {
        expect('}');
        return;
      }
    }
  }

  private void array() {
    expect('[');
    space();
    if (peek() == ']') {
      at++;
      return;
    }
    while (true) {
      value();
      space();
      if (peek() == ',') {
        at++;
      } else {
        expect(']');
        return;
      }
    }
  }

  private void string() {
    expect('"');
    while (true) {
      if (at >= text.length()) {
        throw fail("unterminated string");
      }
      char c = text.charAt(at++);
      if (c == '"') {
        return;
      }
      if (c < 0x20) {
        throw fail("control character in a string");
      }
      if (c == '\\') {
        char escaped = peek();
        if ("\"\\/bfnrt".indexOf(escaped) >= 0) {
          at++;
        } else if (escaped == 'u'
            && at + 5 <= text.length()
            && text.substring(at + 1, at + 5).matches("[0-9a-fA-F]{4}")) {
          at += 5;
        } else {
          throw fail("bad escape");
        }
      }
    }
  }

  private void literal(String word) {
    if (!text.startsWith(word, at)) {
      throw fail("expected a value");
    }
    at += word.length();
  }

  private void number() {
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    if (!text.substring(start, at).matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
      at = start;
      throw fail("malformed number");
    }
  }
}
