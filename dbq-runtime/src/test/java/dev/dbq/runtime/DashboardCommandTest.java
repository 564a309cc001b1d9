package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code dbq dashboard} in the runtime alone: the runtime does not depend on dbq-dashboard, so the
 * command says what to put on the class path, exit 2, before anything connects (the dashboard
 * module's own tests serve it).
 */
class DashboardCommandTest {
  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  private static CliRun cli(String... args) {
    return CliRun.of(Map.of("DBQ_JDBC_URL", db.database.url()), JobCatalog.of(), args);
  }

  @Test
  void withoutDbqDashboardOnTheClassPathTheCommandExitsTwoNamingWhatIsMissing() {
    assertThrows(
        ClassNotFoundException.class,
        () -> Class.forName("dev.dbq.dashboard.DashboardServer"),
        "the runtime's tests run without the dashboard, as the runtime does");
    CliRun run = cli("dashboard", "--port", "8080").assertBadInput();
    assertEquals(
        "dbq dashboard: the dashboard needs dbq-dashboard (dev.dbq:dbq-dashboard) on the class"
            + " path (see dbq dashboard --help)\n",
        run.err());
  }

  @Test
  void aPortOutsideItsRangeExitsTwoNamingTheRange() {
    CliRun run = cli("dashboard", "--port", "70000").assertBadInput();
    assertEquals(
        "dbq dashboard: --port must be between 1 and 65535 (0 for any free port), was 70000 (see"
            + " dbq dashboard --help)\n",
        run.err());
  }

  @Test
  void thePortIsRequired() {
    CliRun run = cli("dashboard").assertBadInput();
    assertEquals(
        "dbq dashboard: Missing required option: '--port=N' (see dbq dashboard --help)\n",
        run.err());
  }
}
