package dev.dbq.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the benchmarks of issues #5 and #10 and prints a table: {@code BenchMain
 * [all|drain|steps|enqueue|latency|sustained|defaults|metrics|tracing|tracing-sampled|limited|saturation|primaries|standby|smoke]...};
 * {@code defaults} runs drain, steps and latency with the defaults column beside db-scheduler only;
 * {@code metrics} (not part of {@code all}) the drain without and with dbq-micrometer, twice each;
 * {@code tracing} (not part of {@code all}) likewise with dbq-opentelemetry, every span sampled;
 * {@code tracing-sampled} (not part of {@code all}) the same with one trace in ten sampled, a row
 * apart from the headline; {@code limited} (not part of {@code all}) drains a queue unlimited and
 * with concurrency limits, defaults column only; {@code saturation} (not part of {@code all})
 * drains with 1 to 16 worker processes, 1 to 1,000 queues and a million finished jobs in the table,
 * and prints a table of its own ({@link Saturation}); {@code primaries} (not part of {@code all})
 * drains two queues against one primary and against two, the second a cluster it creates and
 * removes ({@link TwoPrimaries}); {@code standby} (not part of {@code all}) prints what a {@code
 * Dbq} on a hot standby answers and refuses ({@link StandbyLooks}). The database is {@code
 * DBQ_BENCH_JDBC_URL} (default: database {@code dbq_bench} on the local server, created when
 * missing); its dbq and db-scheduler tables are dropped and recreated. System properties: {@code
 * bench.prefetch} (dbq worker prefetch, default 128), {@code bench.childJvm} (options for the
 * worker processes, space-separated; default {@code -Xmx128m}), {@code bench.defaultsJvm} (options
 * for the defaults column's processes; default none, as users run them), {@code bench.latencyTrace}
 * (print every job's latency in order), {@code bench.threadCpu} (in {@code bench.childJvm}: each
 * drain's worker CPU thread by thread, see {@link ThreadCpu}). The defaults column runs the
 * command-line worker, {@code dbq worker --concurrency 8}, with no other option unless the
 * environment variable {@code DBQ_BENCH_WORKER_ARGS} adds some (e.g. {@code --no-history}, to
 * measure what an option costs).
 */
public final class BenchMain {
  private BenchMain() {}

  /**
   * @param args the workloads to run
   * @throws Exception when a workload fails
   */
  public static void main(String[] args) throws Exception {
    List<String> which = List.of(args.length == 0 ? new String[] {"all"} : args);
    boolean smoke = which.contains("smoke");
    boolean onlyDefaults = which.equals(List.of("defaults"));
    String url = BenchDatabase.url();
    BenchDatabase.createIfMissing(url);
    int prefetch = Integer.getInteger("bench.prefetch", 128);
    String jvm = System.getProperty("bench.childJvm", "-Xmx128m").strip();
    List<String> jvmOptions = jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+"));
    List<Row> rows = new ArrayList<>();
    try (HikariDataSource ds = BenchDatabase.pool(url, Workloads.THREADS + 2)) {
      Workloads w = new Workloads(ds, smoke ? 500 : 1, prefetch, jvmOptions, !onlyDefaults);
      boolean all = smoke || which.contains("all");
      boolean defaults = onlyDefaults;
      if (all || defaults || which.contains("drain")) {
        rows.addAll(w.drain());
      }
      if (all || defaults || which.contains("steps")) {
        rows.addAll(w.steps());
      }
      if (all || which.contains("enqueue")) {
        rows.addAll(w.enqueue());
      }
      if (all || defaults || which.contains("latency")) {
        rows.addAll(w.latency());
      }
      if (all || which.contains("sustained")) {
        rows.addAll(w.sustained());
      }
      if (which.contains("metrics")) {
        rows.addAll(w.metrics());
      }
      if (which.contains("tracing")) {
        rows.addAll(w.tracing());
      }
      if (which.contains("tracing-sampled")) {
        rows.addAll(w.tracingSampled());
      }
      if (which.contains("limited")) {
        rows.addAll(w.limited());
      }
      if (which.contains("saturation")) {
        new Saturation(ds, url, jvmOptions).run();
      }
      if (which.contains("standby")) {
        StandbyLooks.run();
      }
      if (which.contains("primaries")) {
        rows.addAll(new TwoPrimaries(url, prefetch, jvmOptions).run());
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    System.out.println();
    System.out.println(
        "dbq worker: concurrency "
            + Workloads.THREADS
            + ", prefetch "
            + prefetch
            + "; db-scheduler: lock-and-fetch, "
            + Workloads.THREADS
            + " threads"
            + (jvmOptions.isEmpty() ? "" : "; worker JVM " + jvmOptions)
            + "; defaults: DbqWorker.builder().concurrency(8) and nothing else, default JVM"
            + " options");
    System.out.println(Row.header());
    for (Row row : rows) {
      System.out.println(row.format());
    }
  }
}
