package dev.dbq.runtime.internal.worker;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells, during a shutdown, the steps that called {@code System.exit} from the others. Such a
 * step's thread waits inside {@code java.lang.Shutdown.exit} for the shutdown hooks (the worker's
 * own among them) and never returns, so waiting for it would always cost the whole grace period.
 */
public final class ExitingSteps {
  private ExitingSteps() {}

  /**
   * @param slotThreads the thread of each running claim
   * @return the claims whose thread is inside {@code System.exit}
   */
  static Set<UUID> in(Map<UUID, Thread> slotThreads) {
    Set<UUID> exiting = new HashSet<>();
    for (Map.Entry<UUID, Thread> slot : slotThreads.entrySet()) {
      if (callsExit(slot.getValue())) {
        exiting.add(slot.getKey());
      }
    }
    return exiting;
  }

  /**
   * Waits up to the grace period for every running step but the exiting ones.
   *
   * @return true when only exiting steps are left
   */
  static boolean awaitOthers(
      ExecutorService slots, Set<UUID> running, Set<UUID> exiting, Duration grace)
      throws InterruptedException {
    if (exiting.isEmpty()) {
      return slots.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (!exiting.containsAll(running)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      // the exiting threads never end, so the pool never terminates: look at what still runs
      slots.awaitTermination(Math.min(left, 50_000_000L), TimeUnit.NANOSECONDS);
    }
    return true;
  }

  private static boolean callsExit(Thread thread) {
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (frame.getClassName().equals("java.lang.Shutdown")
          && frame.getMethodName().equals("exit")) {
        return true;
      }
    }
    return false;
  }
}
