package dev.dbq.runtime;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An enqueuing process for {@link UniqueEnqueueRaceTest}: connects, prints {@code ready}, then for
 * each line {@code go N} on its standard input has its threads enqueue the unique job {@value #JOB}
 * for customer N at once, and prints one line {@code result N ID DUPLICATE} per thread; exits at
 * the end of its input.
 *
 * <p>Arguments: the JDBC URL, the number of threads.
 */
public final class UniqueEnqueuerMain {
  /** The unique job both the test and this process enqueue. */
  public static final String JOB = "raced_invoice";

  /** Its workspace: the key is the customer. */
  public record Invoice(long customerId, String by) {}

  /** The definition both sides use: unique by customer. */
  public static final JobDefinition DEFINITION =
      JobDefinition.builder(JOB)
          .workspaceType(Invoice.class)
          .unique(Uniqueness.byFields("customerId"))
          .step("send", Invocation::workspace)
          .build();

  private UniqueEnqueuerMain() {}

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[1]);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (Dbq dbq = Dbq.connect(args[0])) {
      // warm the pool so that the race is the inserts', not the connects'
      List<Future<EnqueueResult>> warm = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        warm.add(pool.submit(() -> TestJobBuilder.named("warm_up").submit(dbq)));
      }
      for (Future<EnqueueResult> f : warm) {
        f.get();
      }
      System.out.println("ready");
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String who = "pid " + ProcessHandle.current().pid();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        long customer = Long.parseLong(line.substring("go ".length()));
        CyclicBarrier together = new CyclicBarrier(threads);
        List<Future<EnqueueResult>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          results.add(
              pool.submit(
                  () -> {
                    together.await();
                    return TestJobBuilder.of(DEFINITION)
                        .workspace(new Invoice(customer, who))
                        .submit(dbq);
                  }));
        }
        for (Future<EnqueueResult> f : results) {
          EnqueueResult r = f.get();
          System.out.println("result " + customer + " " + r.id() + " " + r.duplicate());
        }
        System.out.flush();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
