package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command line with {@code DBQ_ROUTES}: every command goes where the queue's jobs live. */
class RoutedCliTest {
  @RegisterExtension static final MigratedDatabase main = new MigratedDatabase();
  @RegisterExtension static final MigratedDatabase other = new MigratedDatabase();

  private static final JobCatalog CATALOG =
      JobCatalog.of(JobDefinition.builder("send_report").step("send", c -> null).build());

  private static CliRun cli(String... args) {
    return CliRun.of(
        Map.of(
            "DBQ_JDBC_URL", main.database.url(), "DBQ_ROUTES", "imports=" + other.database.url()),
        CATALOG,
        args);
  }

  @Test
  void createJobQueueDepthAndListFollowTheRoutes() {
    CliRun created = cli("create-job", "send_report", "--queue-name", "imports");
    assertEquals(0, created.status(), created.err());
    assertEquals(0, cli("create-job", "send_report").status());

    assertEquals(List.of("imports"), other.sql.column("SELECT queue_name FROM dbq_job"));
    assertEquals(List.of("default"), main.sql.column("SELECT queue_name FROM dbq_job"));
    CliRun depth = cli("queue-depth", "default", "imports");
    assertEquals("event=queue_depths default=1 imports=1\n", depth.out(), depth.err());
    CliRun listed = cli("list", "--queue", "imports", "--json");
    assertEquals(1, listed.out().lines().count(), listed.out());
    assertTrue(listed.out().contains("\"imports\""), listed.out());
    assertEquals(2, cli("list", "--json").out().lines().count(), "both databases listed");
    CliRun queues = cli("queues");
    assertTrue(queues.out().contains("imports") && queues.out().contains("default"), queues.out());
  }

  @Test
  void routeOptionsBeforeTheCommandAddToTheRoutesOfTheEnvironment() {
    CliRun created =
        CliRun.of(
            Map.of("DBQ_JDBC_URL", main.database.url()),
            CATALOG,
            "--route",
            "reports=" + other.database.url(),
            "--route",
            "mail,audit=" + other.database.url(),
            "create-job",
            "send_report",
            "--queue-name",
            "audit");
    assertEquals(0, created.status(), created.err());
    cli("create-job", "send_report", "--queue-name", "imports"); // DBQ_ROUTES: imports

    assertEquals(
        List.of("audit", "imports"),
        other.sql.column("SELECT queue_name FROM dbq_job ORDER BY seq"));
    CliRun depth =
        cli("--route", "audit=" + other.database.url(), "queue-depth", "audit", "imports");
    assertEquals("event=queue_depths audit=1 imports=1\n", depth.out(), depth.err());
    cli("--route", "imports=" + other.database.url(), "queue-depth").assertBadInput();
  }

  @Test
  void aWorkerDrainsItsQueuesDatabaseAndOneWhoseQueuesAreRoutedApartIsBadInput() {
    cli("create-job", "send_report", "--queue-name", "imports");
    cli("create-job", "send_report");

    CliRun apart = cli("worker", "default", "imports", "--exit-when-empty").assertBadInput();
    assertTrue(apart.err().contains("routed apart"), apart.err());
    CliRun worker = cli("worker", "imports", "--exit-when-empty");
    assertEquals(0, worker.status(), worker.err());

    assertEquals(List.of("COMPLETE"), other.sql.column("SELECT state FROM dbq_job"));
    assertEquals(List.of("NEW"), main.sql.column("SELECT state FROM dbq_job"));
  }

  @Test
  void badRoutesAreOneLineOfBadInputWithTheSecretMasked() {
    String url = main.database.url();
    CliRun noEquals =
        CliRun.of(Map.of("DBQ_JDBC_URL", url, "DBQ_ROUTES", "imports"), CATALOG, "queue-depth")
            .assertBadInput();
    assertTrue(noEquals.err().contains("QUEUE[,QUEUE...]=JDBC_URL"), noEquals.err());
    CliRun twice =
        CliRun.of(
                Map.of(
                    "DBQ_JDBC_URL",
                    url,
                    "DBQ_ROUTES",
                    "imports=" + other.database.url() + ";imports=" + other.database.url()),
                CATALOG,
                "queue-depth")
            .assertBadInput();
    assertTrue(twice.err().contains("queue 'imports' is routed twice"), twice.err());
    CliRun notPostgres =
        CliRun.of(
                Map.of(
                    "DBQ_JDBC_URL", url, "DBQ_ROUTES", "imports=jdbc:mysql://h/db?password=s3cr3t"),
                CATALOG,
                "worker",
                "imports")
            .assertBadInput();
    assertTrue(notPostgres.err().contains("not a PostgreSQL JDBC URL"), notPostgres.err());
    assertFalse(notPostgres.err().contains("s3cr3t"), notPostgres.err());
  }
}
