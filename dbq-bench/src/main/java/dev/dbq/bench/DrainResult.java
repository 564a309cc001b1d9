package dev.dbq.bench;

/** A child's drain: total time, peak RSS, and the time at which each tenth was done. */
record DrainResult(long micros, long rssKib, long[] tenthMicros) {
  /** Not measured. */
  static final DrainResult NONE = new DrainResult(Long.MIN_VALUE, Long.MIN_VALUE, new long[0]);

  double seconds() {
    return this == NONE ? Double.NaN : micros / 1e6;
  }

  double rssMib() {
    return this == NONE ? Double.NaN : rssKib / 1024.0;
  }

  double[] tenthRates(int jobs) {
    double[] rates = new double[tenthMicros.length];
    long previous = 0;
    for (int i = 0; i < tenthMicros.length; i++) {
      long span = Math.max(1, tenthMicros[i] - previous);
      rates[i] = (jobs / 10.0) / (span / 1e6);
      previous = tenthMicros[i];
    }
    return rates;
  }
}
