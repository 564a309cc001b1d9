package dev.dbq.bench;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * One drain's figures, a line of the saturation table.
 *
 * @param point what was drained
 * @param jobs the steps all processes ran (one per job)
 * @param seconds from {@code GO} to the last process's end
 * @param stopped whether the drain was stopped at the time bound before its jobs were all done
 * @param claims every claim statement's time, all processes together, in microseconds
 * @param claimed jobs the claims took, all together
 * @param activity what the backends were doing ({@link ActivitySampler})
 * @param machineBusy the machine's busy CPU over the drain, percent of all cores
 * @param workerCpuMicros the worker processes' CPU time over the drain
 * @param postgresCpuMicros the bench database's backends' CPU time over the drain
 * @param walBytes WAL written over the drain (the whole server's)
 * @param ownWalBytes the part of it that the bench database wrote ({@link WalOfDatabase}), -1 when
 *     not known
 * @param note why the point has no figures, or null
 */
record SaturationResult(
    SaturationPoint point,
    long jobs,
    double seconds,
    boolean stopped,
    Histogram claims,
    long claimed,
    Activity activity,
    double machineBusy,
    long workerCpuMicros,
    long postgresCpuMicros,
    long walBytes,
    long ownWalBytes,
    String note) {

  /** A point left out, with the reason. */
  static SaturationResult skipped(SaturationPoint point, String why) {
    return new SaturationResult(
        point, 0, Double.NaN, false, null, 0, Activity.NONE, Double.NaN, 0, 0, 0, -1, why);
  }

  double jobsPerSecond() {
    return jobs / seconds;
  }

  /** The share of the machine's CPU (all cores) that the workers and the backends used. */
  double drainCpuPercent(int cores) {
    return 100.0 * (workerCpuMicros + postgresCpuMicros) / (seconds * 1e6 * cores);
  }

  private static final String HEADER =
      "| series | processes | queues | finished before | jobs | s | jobs/s | claim p50 ms | claim"
          + " p99 ms | jobs/claim | busy backends | on CPU | Lock | LWLock | IO | client | other |"
          + " machine CPU | drain CPU | worker CPU us/job | PostgreSQL CPU us/job | WAL B/job | server WAL B/job |";

  static String header() {
    return HEADER
        + "\n"
        + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---:"
        + " | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";
  }

  /** The line of the table, markdown, to paste into docs/scaling.md. */
  String format(int cores) {
    SaturationPoint p = point;
    String head =
        String.format(
            Locale.ROOT,
            "| %s | %d | %,d | %,d |",
            p.series(),
            p.processes(),
            p.queues(),
            p.finished());
    if (note != null) {
      return head + " skipped: " + note + " |" + " |".repeat(18);
    }
    return head
        + String.format(
            Locale.ROOT,
            " %,d%s | %.1f | %,.0f | %.2f | %.2f | %.1f | %.1f | %.0f %% | %.0f %% | %.0f %% | %.0f"
                + " %% | %.0f %% | %.0f %% | %.0f %% | %.0f %% | %,.0f | %,.0f | %s | %,.0f |",
            jobs,
            stopped ? " (stopped)" : "",
            seconds,
            jobsPerSecond(),
            claims.getValueAtPercentile(50) / 1000.0,
            claims.getValueAtPercentile(99) / 1000.0,
            claims.getTotalCount() == 0 ? Double.NaN : claimed / (double) claims.getTotalCount(),
            activity.meanBusy(),
            activity.percent(Activity.CPU),
            activity.percent(Activity.LOCK),
            activity.percent(Activity.LWLOCK),
            activity.percent(Activity.IO),
            activity.percent(Activity.CLIENT),
            activity.percent(Activity.OTHER),
            machineBusy,
            drainCpuPercent(cores),
            workerCpuMicros / (double) jobs,
            postgresCpuMicros / (double) jobs,
            ownWalBytes < 0
                ? "-"
                : String.format(Locale.ROOT, "%,.0f", ownWalBytes / (double) jobs),
            walBytes / (double) jobs);
  }
}
