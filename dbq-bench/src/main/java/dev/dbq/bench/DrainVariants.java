package dev.dbq.bench;

import java.util.ArrayList;
import java.util.List;

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
   * worker CPU time per job and rate, and the cost as the least "on" CPU against the least "off"
   * one and the best "on" rate against the best "off" one.
   */
  List<Row> metrics() throws Exception {
    return listenerCost("m", "metrics", "dbq-micrometer", true, false);
  }

  /**
   * The cost of tracing (#15), as {@link #metrics()} measures metrics: the jobs enqueued with a
   * {@code DbqTracing} (each row carries a trace context, which the claim returns) and the worker
   * telling one, over the OpenTelemetry SDK with every span sampled and batched to an exporter that
   * drops them ({@link BenchTracing}), against neither.
   */
  List<Row> tracing() throws Exception {
    return listenerCost("t", "tracing", "dbq-opentelemetry", false, true);
  }

  /**
   * @param tag the rows' first letter
   * @param what the cost's name in its rows
   * @param module the listener's module, in the rows
   */
  private List<Row> listenerCost(
      String tag, String what, String module, boolean metrics, boolean tracing) throws Exception {
    int jobs = 50_000 / scale;
    double[] off = new double[2];
    double[] on = new double[2];
    double[] offCpu = new double[2];
    double[] onCpu = new double[2];
    for (int i = 0; i < 2; i++) {
      DrainResult without =
          drains.dbq(jobs, 1, BenchJobs::noop, false, Workloads.warmUp(scale), false, false, 0);
      DrainResult with =
          drains.dbq(jobs, 1, BenchJobs::noop, false, Workloads.warmUp(scale), metrics, tracing, 0);
      off[i] = jobs / without.seconds();
      on[i] = jobs / with.seconds();
      offCpu[i] = without.cpuMicros() / (double) jobs;
      onCpu[i] = with.cpuMicros() / (double) jobs;
    }
    double best = Math.max(off[0], off[1]);
    double bestOn = Math.max(on[0], on[1]);
    double cost = 100 * (1 - bestOn / best);
    double cpuCost = 100 * (Math.min(onCpu[0], onCpu[1]) / Math.min(offCpu[0], offCpu[1]) - 1);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      rows.add(
          new Row(
              tag + " worker CPU per job, no listener (" + (i + 1) + ")",
              "us",
              offCpu[i],
              Double.NaN,
              "-",
              true));
      rows.add(
          new Row(
              tag + " same, with " + module + " (" + (i + 1) + ")",
              "us",
              onCpu[i],
              Double.NaN,
              "-",
              true));
    }
    rows.add(
        new Row(
            tag + " " + what + " CPU cost, least against least",
            "%",
            cpuCost,
            Double.NaN,
            "<= 5 %",
            cpuCost <= 5));
    for (int i = 0; i < 2; i++) {
      rows.add(
          new Row(
              tag + " drain " + jobs + " no-op jobs, no listener (" + (i + 1) + ")",
              "jobs/s",
              off[i],
              Double.NaN,
              "-",
              true));
      rows.add(
          new Row(
              tag + " same, with " + module + " (" + (i + 1) + ")",
              "jobs/s",
              on[i],
              Double.NaN,
              "-",
              true));
    }
    rows.add(
        new Row(
            tag + " " + what + " cost, best against best",
            "%",
            cost,
            Double.NaN,
            "<= 5 %",
            cost <= 5));
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
