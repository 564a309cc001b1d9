package dev.dbq.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StackTraceTextTest {

  @Test
  void aShortTraceIsKeptWholeWithItsCauses() {
    String trace =
        StackTraceText.of(new IllegalStateException("outer", new ArithmeticException("inner")));

    assertTrue(trace.startsWith("java.lang.IllegalStateException: outer"), trace);
    assertTrue(trace.contains("Caused by: java.lang.ArithmeticException: inner"), trace);
    assertTrue(trace.contains("\tat dev.dbq.runtime.internal.StackTraceTextTest."), trace);
  }

  @Test
  void aTraceOverTheBoundKeepsItsHeadAndItsRootCauseAndCountsTheCut() {
    Throwable deep = new IllegalStateException("wrapper", recursion(3_000));
    String whole = printed(deep);
    assertTrue(whole.length() > StackTraceText.MAX_CHARS, "the test needs a long trace");

    String trace = StackTraceText.of(deep);

    assertTrue(trace.startsWith("java.lang.IllegalStateException: wrapper"), trace);
    assertTrue(trace.contains("Caused by: java.lang.ArithmeticException: root cause"), trace);
    assertTrue(trace.endsWith(whole.substring(whole.length() - 1_000)), "the tail is kept");
    int cut = whole.length() - StackTraceText.MAX_CHARS;
    String marker = "\n\t... (" + cut + " characters cut) ...\n";
    assertTrue(trace.contains(marker), trace.substring(0, 200));
    assertEquals(StackTraceText.MAX_CHARS + marker.length(), trace.length());
  }

  @Test
  void aPasswordInAJdbcUrlAndANulAreMaskedAsInLastError() {
    String trace =
        StackTraceText.of(
            new IllegalStateException(
                "cannot reach jdbc:postgresql://db/app?user=app&password=hunter2 \0 now"));

    assertFalse(trace.contains("hunter2"), trace);
    assertFalse(trace.contains("\0"), trace);
    assertTrue(trace.contains("\\u0000"), trace);
  }

  @Test
  void theCutNeverSplitsASurrogatePair() {
    // a high surrogate at the last character of the head
    String text =
        "a".repeat(StackTraceText.MAX_CHARS * 2 / 3 - 1) + "\uD83D\uDE00" + "b".repeat(20_000);

    String bounded = StackTraceText.bounded(text);

    for (int i = 0; i < bounded.length(); i++) {
      char c = bounded.charAt(i);
      if (Character.isHighSurrogate(c)) {
        assertTrue(i + 1 < bounded.length() && Character.isLowSurrogate(bounded.charAt(i + 1)));
      } else if (Character.isLowSurrogate(c)) {
        assertTrue(i > 0 && Character.isHighSurrogate(bounded.charAt(i - 1)));
      }
    }
  }

  private static Throwable recursion(int depth) {
    return depth == 0 ? new ArithmeticException("root cause") : recursion(depth - 1);
  }

  private static String printed(Throwable t) {
    java.io.StringWriter out = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }
}
