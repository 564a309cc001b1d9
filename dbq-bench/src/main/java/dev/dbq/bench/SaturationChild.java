package dev.dbq.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.JobBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One worker process of the saturation workload ({@link Saturation}), mode {@code sat-drain INDEX
 * QUEUES WARMUP_JOBS POOL} of {@link BenchChild}: a worker with the defaults but {@code
 * concurrency(8)}, as {@code dbq worker --concurrency 8} runs, on a pool of POOL connections (the
 * default pool of ten, times sixteen processes, is more than a default server's {@code
 * max_connections}). It first runs WARMUP_JOBS jobs of a queue of its own ({@code warmup-INDEX}),
 * prints {@code READY}, and on {@code GO} drains the QUEUES queues ({@link
 * Saturation#queueNames(int)}) until nothing runnable is left, or until {@code STOP}. Its {@code
 * RESULT}: the steps it ran, when it ended (epoch microseconds), its CPU time, and its claims'
 * times ({@link ClaimTimes}); then it keeps its connections until {@code EXIT}.
 */
final class SaturationChild {
  private SaturationChild() {}

  static void run(String url, BufferedReader stdin, String[] args) throws Exception {
    int index = Integer.parseInt(args[1]);
    List<String> queues = Saturation.queueNames(Integer.parseInt(args[2]));
    int warmUpJobs = Integer.parseInt(args[3]);
    int pool = Integer.parseInt(args[4]);
    try (HikariDataSource ds = BenchDatabase.pool(url, pool)) {
      Dbq dbq = Dbq.create(ds);
      if (warmUpJobs > 0) {
        String queue = "warmup-" + index;
        enqueue(dbq, queue, warmUpJobs);
        worker(dbq).queues(queue).build().runUntilEmpty();
      }
      ClaimTimes claims = new ClaimTimes();
      DbqWorker worker = worker(dbq).queues(queues.toArray(String[]::new)).listener(claims).build();
      BenchChild.awaitGo(stdin);
      long cpuAtStart = BenchChild.processCpuNanos();
      CountDownLatch exit = new CountDownLatch(1);
      Thread commands = new Thread(() -> obey(stdin, worker, exit), "bench-commands");
      commands.setDaemon(true);
      commands.start();
      long steps = worker.runUntilEmpty();
      Instant end = Instant.now();
      long cpuMicros = (BenchChild.processCpuNanos() - cpuAtStart) / 1_000;
      worker.close();
      System.out.println(
          "RESULT steps="
              + steps
              + " endMicros="
              + (end.getEpochSecond() * 1_000_000L + end.getNano() / 1_000)
              + " cpu="
              + cpuMicros
              + " claimed="
              + claims.claimed()
              + " claims="
              + claims.encoded());
      System.out.flush();
      // the pool stays open until the parent has read the backends' CPU: a closed connection's
      // backend is gone from /proc, and its CPU with it
      exit.await();
    }
  }

  /** {@code STOP}: stop the drain; {@code EXIT} (or the end of input): close and exit. */
  private static void obey(BufferedReader stdin, DbqWorker worker, CountDownLatch exit) {
    try {
      String line;
      while ((line = stdin.readLine()) != null) {
        if (line.equals("STOP")) {
          worker.stop();
        } else if (line.equals("EXIT")) {
          return;
        }
      }
      worker.stop(); // the parent is gone
    } catch (IOException e) {
      worker.stop(); // likewise
    } finally {
      exit.countDown();
    }
  }

  /** The defaults, as {@code dbq worker --concurrency 8} has them, and the bench's jobs. */
  private static DbqWorker.Builder worker(Dbq dbq) {
    return DbqWorker.builder().dbq(dbq).catalog(BenchJobs.CATALOG).concurrency(Saturation.SLOTS);
  }

  private static void enqueue(Dbq dbq, String queue, int jobs) {
    List<JobBuilder<?>> batch = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      batch.add(BenchJobs.noop().queue(queue));
      if (batch.size() == Workloads.BATCH || i == jobs - 1) {
        dbq.enqueueAll(batch);
        batch.clear();
      }
    }
  }
}
