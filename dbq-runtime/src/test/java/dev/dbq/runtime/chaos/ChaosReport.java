package dev.dbq.runtime.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * One scenario's figures, printed and appended to {@code target/chaos/report.md} as a table row,
 * which is where {@code docs/reliability.md} takes them from.
 */
record ChaosReport(
    String scenario,
    long jobs,
    long steps,
    String faults,
    long repeats,
    long repeatBound,
    Duration drain,
    Duration worstRecovery) {

  void write() throws IOException {
    String row =
        String.format(
            Locale.ROOT,
            "| %s | %d | %d | %s | %d | %d | %.1f s | %.1f s |%n",
            scenario,
            jobs,
            steps,
            faults,
            repeats,
            repeatBound,
            drain.toMillis() / 1000.0,
            worstRecovery.toMillis() / 1000.0);
    System.out.print("CHAOS " + row);
    Path report = Path.of("target", "chaos", "report.md");
    Files.createDirectories(report.getParent());
    Files.writeString(
        report, row, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
