package dev.dbq.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@link ActivitySampler} saw: how many samples it took, and over all of them how many busy
 * backends it found of each kind and waiting on each wait event ({@code type:event}).
 */
record Activity(long samples, Map<String, Long> kinds, Map<String, Long> events) {
  static final String CPU = "CPU";
  static final String LOCK = "Lock";
  static final String LWLOCK = "LWLock";
  static final String IO = "IO";
  static final String CLIENT = "Client";
  static final String OTHER = "other";

  /** Nothing sampled. */
  static final Activity NONE = new Activity(0, Map.of(), Map.of());

  /** Busy backend samples of all kinds. */
  long busy() {
    return kinds.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Busy backends at a sampled instant, on average. */
  double meanBusy() {
    return samples == 0 ? Double.NaN : busy() / (double) samples;
  }

  /** The percentage of busy backend samples of one kind. */
  double percent(String kind) {
    long busy = busy();
    return busy == 0 ? Double.NaN : 100.0 * kinds.getOrDefault(kind, 0L) / busy;
  }

  /** The most frequent wait events, as {@code type:event share%}, most frequent first. */
  String topEvents(int n) {
    long busy = busy();
    if (busy == 0) {
      return "-";
    }
    return events.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(n)
        .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * e.getValue() / busy))
        .collect(Collectors.joining(", "));
  }
}
