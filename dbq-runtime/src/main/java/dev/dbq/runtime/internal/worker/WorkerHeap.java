package dev.dbq.runtime.internal.worker;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import dev.dbq.runtime.internal.RuntimeLoggers;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import org.slf4j.Logger;

/**
 * Keeps the heap of a worker process near what the worker needs, when nobody sized it.
 *
 * <p>Why: with no {@code -Xmx}, G1 starts with 1/64 of the machine's memory and lets its young
 * generation fill most of it (on 24 GiB: 384 MiB committed, ~230 MiB of eden touched between two
 * collections), although a draining worker keeps about 10 MiB alive; so the process's resident size
 * follows the machine, not the work. What a process can change about that from inside are the
 * manageable flags {@code MinHeapFreeRatio} and {@code MaxHeapFreeRatio}, which G1 applies after a
 * full collection. At start (the heap is nearly empty: ~10 ms) this class collects once with them
 * set so that about a quarter of the initial heap plus 16 MiB stays committed (on 24 GiB: 112 MiB).
 * Not less: G1 regrows a heap under a quarter of its initial size by half the difference at once,
 * while above it G1 grows in steps scaled to its collection overhead, which a worker's tiny live
 * set keeps low. Should G1 still grow the heap past the target plus {@link #HEADROOM_BYTES}, the
 * next young collection is followed by another full one, at most once a second (measured: none in a
 * 100,000-job drain; see docs/benchmarks.md), unless more than half the target survived a full
 * collection: then the process needs its heap (a test JVM running the command, say) and is left to
 * G1 from then on.
 *
 * <p>Only for a process that is a worker (the command line calls it), only with G1, and only when
 * the heap size is the JVM's own choice: an explicit {@code -Xmx} or {@code -Xms}, or another
 * collector, leaves the JVM alone. An application that embeds a worker keeps its own heap policy.
 */
public final class WorkerHeap {
  private static final Logger log = RuntimeLoggers.of(WorkerHeap.class);

  /** Committed heap a full collection aims at, above the initial heap's quarter (see below). */
  private static final long TARGET_MARGIN_BYTES = 16L << 20;

  /** How far above the target the committed heap may grow before the next full collection. */
  static final long HEADROOM_BYTES = 64L << 20;

  private static final long MIN_GAP_NANOS = 1_000_000_000L;
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  private WorkerHeap() {}

  /** Applies the policy to this JVM once; a no-op when it does not apply. */
  public static void keepSmall() {
    if (!INSTALLED.compareAndSet(false, true)) {
      return;
    }
    try {
      HotSpotDiagnosticMXBean hotspot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      if (!chosenByJvm(hotspot, "MaxHeapSize")
          || !chosenByJvm(hotspot, "InitialHeapSize")
          || !"true".equals(hotspot.getVMOption("UseG1GC").getValue())) {
        return;
      }
      long initial = Long.parseLong(hotspot.getVMOption("InitialHeapSize").getValue());
      // G1 regrows a heap below a quarter of its initial size by half the difference at once;
      // above that it grows by steps scaled to its overhead
      long target = initial / 4 + TARGET_MARGIN_BYTES;
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      hotspot.setVMOption("MinHeapFreeRatio", "0");
      if (collect(hotspot, memory, target)) {
        watchYoungCollections(hotspot, memory, target, target + HEADROOM_BYTES);
      }
    } catch (RuntimeException | LinkageError e) {
      log.debug("cannot tune the heap of this JVM; left as it is", e);
    }
  }

  private static boolean chosenByJvm(HotSpotDiagnosticMXBean hotspot, String flag) {
    VMOption.Origin origin = hotspot.getVMOption(flag).getOrigin();
    return origin == VMOption.Origin.DEFAULT || origin == VMOption.Origin.ERGONOMIC;
  }

  /**
   * A full collection that leaves about {@code target} committed: G1 keeps at most {@code
   * MaxHeapFreeRatio} percent of the heap free after it, so that ratio is set from what is in use.
   *
   * @return whether the process still looks like a worker: what survives is under half the target
   *     (a worker keeps ~10 MiB alive); a process that keeps more, say a test JVM running the
   *     command in-process, needs its heap and is no longer watched
   */
  private static boolean collect(
      HotSpotDiagnosticMXBean hotspot, MemoryMXBean memory, long target) {
    long used = Math.max(1, memory.getHeapMemoryUsage().getUsed());
    long freePercent = Math.max(1, Math.min(99, 100 - (100 * used + target - 1) / target));
    hotspot.setVMOption("MaxHeapFreeRatio", Long.toString(freePercent));
    System.gc();
    return memory.getHeapMemoryUsage().getUsed() < target / 2;
  }

  private static void watchYoungCollections(
      HotSpotDiagnosticMXBean hotspot, MemoryMXBean memory, long target, long budget) {
    AtomicLong lastFull = new AtomicLong(System.nanoTime());
    AtomicBoolean collecting = new AtomicBoolean();
    AtomicBoolean watching = new AtomicBoolean(true);
    List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    for (GarbageCollectorMXBean gc : collectors) {
      if (!(gc instanceof NotificationEmitter emitter) || !gc.getName().contains("Young")) {
        continue;
      }
      emitter.addNotificationListener(
          (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                notification.getType())) {
              return;
            }
            long committed = memory.getHeapMemoryUsage().getCommitted();
            long now = System.nanoTime();
            if (!watching.get()
                || committed <= budget
                || now - lastFull.get() < MIN_GAP_NANOS
                || !collecting.compareAndSet(false, true)) {
              return;
            }
            Thread t =
                new Thread(
                    () -> {
                      try {
                        if (!collect(hotspot, memory, target)) {
                          watching.set(false);
                        }
                        log.debug(
                            "heap committed {} MiB after a young collection; now {} MiB",
                            committed >> 20,
                            memory.getHeapMemoryUsage().getCommitted() >> 20);
                      } finally {
                        lastFull.set(System.nanoTime());
                        collecting.set(false);
                      }
                    },
                    "dbq-worker-heap");
            t.setDaemon(true);
            t.start();
          },
          null,
          null);
    }
  }
}
