package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code dbq worker --metrics-port} in the runtime alone: the runtime has no Micrometer, so the
 * option says what to put on the class path, exit 2, before anything runs; without the option no
 * Micrometer class is needed (the module's own tests serve the metrics).
 */
class WorkerMetricsPortTest {
  private static final JobDefinition JOB =
      JobDefinition.builder("noop").step("run", call -> null).build();

  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  private static CliRun cli(String... args) {
    return CliRun.of(Map.of("DBQ_JDBC_URL", db.database.url()), JobCatalog.of(JOB), args);
  }

  @Test
  void withoutDbqMicrometerOnTheClassPathTheOptionExitsTwoNamingWhatIsMissing() {
    assertThrows(
        ClassNotFoundException.class,
        () -> Class.forName("io.micrometer.core.instrument.MeterRegistry"),
        "the runtime's tests run without Micrometer, as the runtime does");
    CliRun run = cli("worker", "--exit-when-empty", "--metrics-port", "9464").assertBadInput();
    assertEquals(
        "dbq worker: --metrics-port needs dbq-micrometer and"
            + " io.micrometer:micrometer-registry-prometheus on the class path (see dbq worker"
            + " --help)\n",
        run.err());
  }

  @Test
  void aPortOutsideItsRangeExitsTwoNamingTheRange() {
    CliRun run = cli("worker", "--exit-when-empty", "--metrics-port", "70000").assertBadInput();
    assertEquals(
        "dbq worker: --metrics-port must be between 1 and 65535, was 70000 (see dbq worker"
            + " --help)\n",
        run.err());
  }
}
