package dev.dbq.processor.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * What the steps and hooks of compiled test jobs did: test sources append to it, behaviour tests
 * read it. Compiled test classes see this very class, since their loader delegates to the test's.
 */
public final class CallLog {
  /** The calls, in order. */
  public static final List<String> CALLS = new ArrayList<>();

  private CallLog() {}

  /**
   * @param call what happened, e.g. {@code "fetch"}
   */
  public static void record(String call) {
    CALLS.add(call);
  }
}
