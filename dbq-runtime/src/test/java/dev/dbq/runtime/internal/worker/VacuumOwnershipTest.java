package dev.dbq.runtime.internal.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbq.runtime.Await;
import dev.dbq.runtime.CliRun;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.MigratedDatabase;
import dev.dbq.runtime.internal.RuntimeLoggers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker whose database user does not own {@code dbq_job} cannot vacuum it (PostgreSQL only
 * warns, in its own log): the worker says so once, with the fix, and stops trying; the command line
 * can turn the vacuum off.
 */
class VacuumOwnershipTest {
  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  @Test
  void aUserThatDoesNotOwnTheTableIsToldOnceWithTheFix() throws Exception {
    String role = "dbq_not_owner_" + UUID.randomUUID().toString().substring(0, 8);
    db.sql.execute("CREATE ROLE " + role + " LOGIN");
    db.sql.execute("GRANT ALL ON dbq_job TO " + role);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger logger = (Logger) RuntimeLoggers.of(TableVacuum.class);
    logger.addAppender(logs);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.database.url().replace("user=postgres", "user=" + role));
    try (HikariDataSource asOther = new HikariDataSource(config)) {
      TableVacuum vacuum = new TableVacuum(asOther, 1);

      vacuum.claimed(1, "vacuum-1");
      Await.until(
          "the refusal is logged", () -> warnings(logs).size() == 1, Duration.ofSeconds(30));
      for (int i = 0; i < 5; i++) {
        vacuum.claimed(1, "vacuum-again");
      }

      List<String> said = warnings(logs);
      assertEquals(1, said.size(), String.valueOf(said));
      assertTrue(said.get(0).contains("ALTER TABLE dbq_job OWNER TO " + role), said.get(0));
      assertTrue(said.get(0).contains("--vacuum-every 0"), said.get(0));
    } finally {
      logger.detachAppender(logs);
      db.sql.execute("REVOKE ALL ON dbq_job FROM " + role);
      db.sql.execute("DROP ROLE " + role);
    }
  }

  @Test
  void theOwnersVacuumKeepsRunningWhenAnotherVacuumHoldsTheTable() throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger logger = (Logger) RuntimeLoggers.of(TableVacuum.class);
    logger.addAppender(logs);
    logger.setLevel(Level.DEBUG);
    try (java.sql.Connection holder = db.database.connect()) {
      holder.setAutoCommit(false);
      // a lock a vacuum conflicts with: VACUUM (SKIP_LOCKED) skips with a WARNING, as it does when
      // another worker's vacuum runs
      holder.createStatement().execute("LOCK TABLE dbq_job IN SHARE UPDATE EXCLUSIVE MODE");
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(db.database.url());
      try (HikariDataSource owner = new HikariDataSource(config)) {
        TableVacuum vacuum = new TableVacuum(owner, 1);
        vacuum.claimed(1, "vacuum-skipped");
        Await.until(
            "the skipped vacuum is done",
            () -> logs.list.stream().anyMatch(e -> e.getLevel() == Level.DEBUG),
            Duration.ofSeconds(30));
      } finally {
        holder.rollback();
      }
    } finally {
      logger.setLevel(null);
      logger.detachAppender(logs);
    }

    assertEquals(List.of(), warnings(logs), "a skipped vacuum is no refusal");
  }

  private static List<String> warnings(ListAppender<ILoggingEvent> logs) {
    return List.copyOf(logs.list).stream()
        .filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void theCommandLineTurnsTheVacuumOffOrRefusesATooSmallInterval() {
    Map<String, String> env = Map.of("DBQ_JDBC_URL", db.database.url());
    JobCatalog catalog =
        JobCatalog.of(JobDefinition.builder("noop").step("run", c -> null).build());

    CliRun bad = CliRun.of(env, catalog, "worker", "--vacuum-every", "10").assertBadInput();
    assertEquals(
        "dbq worker: vacuumEvery must be 0 or at least 1000, was 10 (see dbq worker --help)\n",
        bad.err());
    CliRun off = CliRun.of(env, catalog, "worker", "--vacuum-every", "0", "--exit-when-empty");
    assertEquals(0, off.status(), off.err());
  }
}
