package dev.dbq.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Workload 3's enqueuing: many jobs from {@link Workloads#THREADS} threads, timed. */
final class ParallelEnqueue {
  private ParallelEnqueue() {}

  /** Enqueues {@code n} jobs: one call of the system under test. */
  interface Enqueue {
    void run(int n) throws Exception;
  }

  /** Enqueues {@code jobs} from 8 threads, {@code per} at a time; jobs/s. */
  static double rate(int jobs, int per, Enqueue enqueue) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(Workloads.THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      long start = System.nanoTime();
      for (int t = 0; t < Workloads.THREADS; t++) {
        int share = jobs / Workloads.THREADS + (t < jobs % Workloads.THREADS ? 1 : 0);
        done.add(
            pool.submit(
                () -> {
                  for (int left = share; left > 0; left -= per) {
                    enqueue.run(Math.min(per, left));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      return jobs / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdown();
    }
  }
}
