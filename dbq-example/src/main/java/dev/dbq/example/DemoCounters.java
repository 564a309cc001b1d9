package dev.dbq.example;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the steps the demo ran, for its summary. */
final class DemoCounters {
  private static final AtomicInteger STEPS = new AtomicInteger();

  private DemoCounters() {}

  static void stepRan() {
    STEPS.incrementAndGet();
  }

  static int steps() {
    return STEPS.get();
  }
}
