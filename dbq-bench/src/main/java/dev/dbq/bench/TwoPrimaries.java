package dev.dbq.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.JobBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The same drain against one primary and against two (issue #19 part 4): {@value #JOBS} no-op jobs
 * over the queues {@code q1} and {@code q2}, half each, drained by two worker processes, one per
 * queue ({@code queue-drain}: concurrency {@value Workloads#THREADS}, the bench's prefetch). With
 * one primary both queues live in the bench database; with two, {@code q2} is routed ({@code
 * DBQ_ROUTES}, as users route it) to a second cluster the bench creates ({@link LocalCluster}) and
 * removes at the end. The figure is jobs/s over the slower worker's drain (both start at once),
 * median of {@code bench.primariesRounds} rounds (default 3), the two set-ups alternating.
 */
final class TwoPrimaries {
  static final int JOBS = 50_000;
  private static final List<String> QUEUES = List.of("q1", "q2");
  private static final int WARM_UP_JOBS = 2_000;

  private final String mainUrl;
  private final int prefetch;
  private final List<String> jvm;

  TwoPrimaries(String mainUrl, int prefetch, List<String> jvm) {
    this.mainUrl = mainUrl;
    this.prefetch = prefetch;
    this.jvm = jvm;
  }

  List<Row> run() throws Exception {
    int rounds = Integer.getInteger("bench.primariesRounds", 3);
    int jobs = Integer.getInteger("bench.primariesJobs", JOBS);
    System.out.println("two primaries: load before " + load());
    List<Double> one = new ArrayList<>();
    List<Double> two = new ArrayList<>();
    try (LocalCluster second = LocalCluster.start(mainUrl)) {
      String secondUrl = second.url("dbq_bench");
      BenchDatabase.createIfMissing(secondUrl);
      System.out.println("  second primary: PostgreSQL on 127.0.0.1:" + second.port());
      try (HikariDataSource main = BenchDatabase.pool(mainUrl, 4);
          HikariDataSource other = BenchDatabase.pool(secondUrl, 4)) {
        for (int round = 1; round <= rounds; round++) {
          one.add(drain(main, other, null, jobs, round));
          two.add(drain(main, other, secondUrl, jobs, round));
        }
      }
    }
    System.out.println("two primaries: load after " + load());
    String workload = String.format(Locale.ROOT, "%,d no-op over 2 queues: ", jobs);
    double a = median(one);
    double b = median(two);
    System.out.printf(
        Locale.ROOT,
        "two primaries: %.0f jobs/s against one primary's %.0f (%.2fx)%n",
        b,
        a,
        b / a);
    return List.of(
        new Row(workload + "1 primary", "jobs/s", a, Double.NaN, "-", true),
        new Row(workload + "2 primaries", "jobs/s", b, Double.NaN, "-", true));
  }

  /**
   * One drain; {@code secondUrl} null: both queues in the main database, else {@code q2} there.
   *
   * @return jobs/s
   */
  private double drain(
      HikariDataSource main, HikariDataSource other, String secondUrl, int jobs, int round)
      throws Exception {
    BenchDatabase.resetDbq(main);
    BenchDatabase.resetDbq(other);
    Map<String, String> environment =
        secondUrl == null ? Map.of() : Map.of(Dbq.ENV_ROUTES, "q2,warmup-q2=" + secondUrl);
    Dbq.Builder builder = Dbq.builder(main);
    if (secondUrl != null) {
      builder.route(List.of("q2", "warmup-q2"), other);
    }
    try (Dbq dbq = builder.build()) {
      for (String queue : QUEUES) {
        List<JobBuilder<?>> batch = new ArrayList<>(Workloads.BATCH);
        for (int i = 0; i < jobs / QUEUES.size(); i++) {
          batch.add(BenchJobs.noop().queue(queue));
          if (batch.size() == Workloads.BATCH) {
            dbq.enqueueAll(batch);
            batch.clear();
          }
        }
        if (!batch.isEmpty()) {
          dbq.enqueueAll(batch);
        }
      }
    }
    BenchDatabase.execute(main, "VACUUM ANALYZE dbq_job");
    BenchDatabase.execute(other, "VACUUM ANALYZE dbq_job");
    List<ChildProcess> children = new ArrayList<>();
    try {
      for (String queue : QUEUES) {
        children.add(
            ChildProcess.start(
                jvm,
                environment,
                line -> {},
                "queue-drain",
                queue,
                Integer.toString(jobs / QUEUES.size()),
                Integer.toString(Workloads.THREADS),
                Integer.toString(prefetch),
                Integer.toString(WARM_UP_JOBS)));
      }
      for (ChildProcess child : children) {
        child.awaitReady();
      }
      for (ChildProcess child : children) {
        child.send("GO");
      }
      long[] micros = new long[children.size()];
      for (int i = 0; i < children.size(); i++) {
        Map<String, String> r = children.get(i).awaitResult();
        if (!r.containsKey("micros")) {
          throw new IllegalStateException("queue-drain of " + QUEUES.get(i) + " gave no result");
        }
        micros[i] = Long.parseLong(r.get("micros"));
      }
      long slowest = Arrays.stream(micros).max().orElseThrow();
      double perSecond = jobs * 1e6 / slowest;
      System.out.printf(
          Locale.ROOT,
          "  round %d, %s: q1 %.2f s, q2 %.2f s -> %.0f jobs/s (load %s)%n",
          round,
          secondUrl == null ? "1 primary  " : "2 primaries",
          micros[0] / 1e6,
          micros[1] / 1e6,
          perSecond,
          load());
      return perSecond;
    } finally {
      children.forEach(ChildProcess::close);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The 1, 5 and 15 minute load averages, as {@code uptime} prints them. */
  private static String load() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
