package dev.dbq.bench;

import java.util.Locale;

/**
 * One line of the results table.
 *
 * @param workload what was measured
 * @param unit the unit of both figures
 * @param dbq dbq's figure
 * @param scheduler db-scheduler's figure, NaN when not measured
 * @param target the target, as text
 * @param met whether dbq met it
 */
record Row(String workload, String unit, double dbq, double scheduler, String target, boolean met) {

  String format() {
    String ratio = Double.isNaN(scheduler) || scheduler == 0 ? "-" : fmt(dbq / scheduler) + "x";
    return String.format(
        Locale.ROOT,
        "| %-44s | %-10s | %12s | %12s | %8s | %-30s | %-4s |",
        workload,
        unit,
        fmt(dbq),
        Double.isNaN(scheduler) ? "-" : fmt(scheduler),
        ratio,
        target,
        met ? "yes" : "NO");
  }

  static String header() {
    return String.format(
            Locale.ROOT,
            "| %-44s | %-10s | %12s | %12s | %8s | %-30s | %-4s |",
            "workload",
            "unit",
            "dbq",
            "db-scheduler",
            "ratio",
            "target",
            "met")
        + "\n|"
        + "-".repeat(46)
        + "|"
        + "-".repeat(12)
        + "|"
        + "-".repeat(14)
        + "|"
        + "-".repeat(14)
        + "|"
        + "-".repeat(10)
        + "|"
        + "-".repeat(32)
        + "|"
        + "-".repeat(6)
        + "|";
  }

  private static String fmt(double v) {
    return v >= 100
        ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }
}
