package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.internal.RuntimeLoggers;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * The threads a worker runs steps on: {@code concurrency} of them, named {@code
 * dbq-worker-<id>-slot-<n>} (thread dumps and log lines show whose slot a step runs in). The pool
 * replaces a slot thread that died, and the death is logged once, as the claim loop.
 */
final class SlotPool {
  private static final Logger log = RuntimeLoggers.of(ClaimLoop.class);

  private SlotPool() {}

  static ExecutorService create(String workerId, int concurrency) {
    AtomicInteger slotNumber = new AtomicInteger();
    return Executors.newFixedThreadPool(
        concurrency,
        r -> {
          Thread t =
              new Thread(r, "dbq-worker-" + workerId + "-slot-" + slotNumber.incrementAndGet());
          t.setUncaughtExceptionHandler(
              (thread, e) ->
                  log.error(
                      "slot thread {} died of {}; the pool replaces it", thread.getName(), e));
          return t;
        });
  }
}
