package dev.dbq.runtime.chaos;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces a fault injection loop: the gap between two faults. Injecting faults at a rate is the point
 * here; nothing waits for a condition (for that, {@code dev.dbq.runtime.Await}).
 */
final class FaultPacing {
  private FaultPacing() {}

  static void pause(Duration gap) {
    LockSupport.parkNanos(gap.toNanos());
  }
}
