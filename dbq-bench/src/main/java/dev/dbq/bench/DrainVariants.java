package dev.dbq.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Workload 1's drain under other conditions, as rows of the table: with and without metrics or
 * tracing (#15), and with the queue's concurrency limited (#14).
 */
final class DrainVariants {
  private final WorkerDrains drains;
  private final int scale;

  /**
   * @param scale divides every job count (1 for the real run, larger for a smoke run)
   */
  DrainVariants(WorkerDrains drains, int scale) {
    this.drains = drains;
    this.scale = scale;
  }

  /**
   * The cost of metrics (#15): the drain of workload 1 with the bench's settings, without a
   * listener and with dbq-micrometer on a Prometheus registry, alternated twice in one sitting
   * (off, on, off, on) so that a loaded machine weighs on both alike; the rows give each run's
   * worker CPU time per job (all threads, and less the JIT compilers' and the bench's own) and
   * rate, and the cost as the least "on" CPU against the least "off" one and the best "on" rate
   * against the best "off" one.
   */
  List<Row> metrics() throws Exception {
    return listenerCost("m", "metrics", "dbq-micrometer", true, 0);
  }

  /**
   * The cost of tracing (#15), as {@link #metrics()} measures metrics: the jobs enqueued with a
   * {@code DbqTracing} (each row carries a trace context, which the claim returns) and the worker
   * telling one, over the OpenTelemetry SDK with every span sampled and batched to an exporter that
   * drops them ({@link BenchTracing}), against neither.
   */
  List<Row> tracing() throws Exception {
    return listenerCost("t", "tracing", "dbq-opentelemetry", false, BenchTracing.ALL);
  }

  /** The share of traces {@link #tracingSampled()} samples. */
  static final double SAMPLED = 0.1;

  /**
   * Tracing as an application with a high-rate queue would configure it, apart from the headline
   * figure of {@link #tracing()}: the same drains with {@code parentBased(traceIdRatioBased(0.1))}
   * on both sides, so one trace in ten is sampled (the process spans start traces of their own, so
   * the ratio decides for them too) and the rest cost an unsampled span each.
   */
  List<Row> tracingSampled() throws Exception {
    return listenerCost("s", "tracing 10 %", "tracing 10 %", false, SAMPLED);
  }

  /**
   * @param tag the rows' first letter
   * @param what the cost's name in its rows
   * @param module the listener's module, in the rows
   */
  private List<Row> listenerCost(
      String tag, String what, String module, boolean metrics, double tracing) throws Exception {
    int jobs = 50_000 / scale;
    DrainResult[] off = new DrainResult[2];
    DrainResult[] on = new DrainResult[2];
    for (int i = 0; i < 2; i++) {
      off[i] = drains.dbq(jobs, 1, BenchJobs::noop, false, Workloads.warmUp(scale), false, 0, 0);
      on[i] =
          drains.dbq(jobs, 1, BenchJobs::noop, false, Workloads.warmUp(scale), metrics, tracing, 0);
    }
    String with = "with " + module;
    List<Row> rows = new ArrayList<>();
    rows.addAll(
        costRows(
            tag + " worker CPU per job, no listener",
            tag + " same, " + with,
            tag + " " + what + " CPU cost, least against least",
            "us",
            off,
            on,
            d -> d.cpuMicros() / (double) jobs,
            false));
    // the JIT's compilers are still at work in the measured drain (a fresh process's cost, large
    // and noisy), and the bench's thread polls for the end: without them, what a long-running
    // worker pays per job
    rows.addAll(
        costRows(
            tag + " CPU less JIT and bench, no listener",
            tag + " same, " + with,
            tag + " " + what + " CPU cost less JIT and bench",
            "us",
            off,
            on,
            d -> d.workerMicros() / (double) jobs,
            false));
    rows.addAll(
        costRows(
            tag + " drain " + jobs + " no-op jobs, no listener",
            tag + " same, " + with,
            tag + " " + what + " cost, best against best",
            "jobs/s",
            off,
            on,
            d -> jobs / d.seconds(),
            true));
    return rows;
  }

  /**
   * Two rows per sitting (off, on) and the cost: least "on" against least "off" for a CPU time,
   * best against best for a rate.
   */
  private static List<Row> costRows(
      String offLabel,
      String onLabel,
      String costLabel,
      String unit,
      DrainResult[] off,
      DrainResult[] on,
      ToDoubleFunction<DrainResult> figure,
      boolean rate) {
    double[] offs = new double[off.length];
    double[] ons = new double[on.length];
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < off.length; i++) {
      offs[i] = figure.applyAsDouble(off[i]);
      ons[i] = figure.applyAsDouble(on[i]);
      rows.add(new Row(offLabel + " (" + (i + 1) + ")", unit, offs[i], Double.NaN, "-", true));
      rows.add(new Row(onLabel + " (" + (i + 1) + ")", unit, ons[i], Double.NaN, "-", true));
    }
    double cost =
        rate
            ? 100
                * (1
                    - Arrays.stream(ons).max().orElseThrow()
                        / Arrays.stream(offs).max().orElseThrow())
            : 100
                * (Arrays.stream(ons).min().orElseThrow() / Arrays.stream(offs).min().orElseThrow()
                    - 1);
    rows.add(new Row(costLabel, "%", cost, Double.NaN, "<= 5 %", cost <= 5));
    return rows;
  }

  /**
   * Queue concurrency limits (#14): workload 1's drain in the defaults column, 20,000 jobs, with
   * the queue unlimited, limited to the worker's 8 slots (a limit that never binds: what the
   * limited claim path costs, its serialised claims and count, and no prefetch) and limited to 2.
   */
  List<Row> limited() throws Exception {
    int jobs = 20_000 / scale;
    List<Row> rows = new ArrayList<>();
    for (int limit : new int[] {0, 8, 2}) {
      DrainResult d =
          drains.dbq(jobs, 1, BenchJobs::noop, true, Workloads.warmUp(scale), false, limit);
      rows.add(
          new Row(
              "7 drain "
                  + jobs
                  + " no-op jobs, "
                  + (limit == 0 ? "queue unlimited" : "queue limited to " + limit),
              "jobs/s",
              Double.NaN,
              jobs / d.seconds(),
              Double.NaN,
              "-",
              true,
              "-",
              true));
    }
    return rows;
  }
}
