package dev.dbq.bench;

/**
 * A child's drain: total time, peak RSS, the time at which each tenth was done, and the worker
 * process's CPU time over the drain and, of that, its JIT compilers' and the bench's own thread's
 * (which waits for the drain to end), each -1 when not measured; a loaded machine stretches the
 * time, not the CPU a drain needs.
 */
record DrainResult(
    long micros,
    long rssKib,
    long[] tenthMicros,
    long cpuMicros,
    long jitMicros,
    long harnessMicros) {
  /** Not measured. */
  static final DrainResult NONE =
      new DrainResult(Long.MIN_VALUE, Long.MIN_VALUE, new long[0], -1, -1, -1);

  /** The CPU time of the worker's own work: less the JIT compilers and the bench's thread. */
  long workerMicros() {
    return cpuMicros - jitMicros - harnessMicros;
  }

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
