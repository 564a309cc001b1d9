package dev.dbq.bench;

import java.util.Locale;

/**
 * One line of the results table.
 *
 * @param workload what was measured
 * @param unit the unit of every figure
 * @param dbq dbq's figure with the bench's settings (prefetch, {@code -Xmx128m})
 * @param defaults dbq's figure with default settings but {@code concurrency(8)} and the JVM's
 *     default options, NaN when not measured
 * @param scheduler db-scheduler's figure, NaN when not measured
 * @param target issue #5's target for {@code dbq}, as text
 * @param met whether {@code dbq} met it
 * @param defaultsTarget issue #10's target for {@code defaults}, as text
 * @param defaultsMet whether {@code defaults} met it
 */
record Row(
    String workload,
    String unit,
    double dbq,
    double defaults,
    double scheduler,
    String target,
    boolean met,
    String defaultsTarget,
    boolean defaultsMet) {

  /** A row without a defaults figure. */
  Row(String workload, String unit, double dbq, double scheduler, String target, boolean met) {
    this(workload, unit, dbq, Double.NaN, scheduler, target, met, "-", true);
  }

  private static final String LAYOUT =
      "| %-44s | %-7s | %10s | %10s | %12s | %8s | %8s | %-22s | %-4s | %-22s | %-4s |";

  String format() {
    return String.format(
        Locale.ROOT,
        LAYOUT,
        workload,
        unit,
        fmt(dbq),
        fmt(defaults),
        fmt(scheduler),
        ratio(dbq, scheduler),
        ratio(defaults, scheduler),
        target,
        Double.isNaN(dbq) ? "-" : met ? "yes" : "NO",
        defaultsTarget,
        Double.isNaN(defaults) ? "-" : defaultsMet ? "yes" : "NO");
  }

  static String header() {
    String head =
        String.format(
            Locale.ROOT,
            LAYOUT,
            "workload",
            "unit",
            "dbq",
            "defaults",
            "db-sched.",
            "ratio",
            "def. r.",
            "target (#5, dbq)",
            "met",
            "target (#10, defaults)",
            "met");
    return head + "\n" + head.replaceAll("[^|]", "-");
  }

  private static String ratio(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "-" : fmt(a / b) + "x";
  }

  private static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return v >= 100
        ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }
}
