package dev.dbq.spring.autoconfigure.actuate;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.QueueStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * dbq's health: UP when the database answers a look at the queues, the schema has every migration
 * (when dbq applies them, {@code dbq.migrate=true}), and no queue's oldest runnable job has waited
 * past {@code dbq.actuator.health.oldest-waiting-threshold}, if one is set. Details: each queue
 * with unfinished jobs (runnable, scheduled, held, the oldest runnable job's wait) and the missing
 * migrations.
 *
 * <p>A database that cannot be reached, or a schema without dbq's tables, is DOWN with the
 * database's error. One statement per check ({@link Dbq#queueStats()}), which reads the job table
 * when many jobs wait: mind how often probes ask.
 */
public final class DbqHealthIndicator extends AbstractHealthIndicator {
  private final Dbq dbq;
  private final boolean schemaOwnedByDbq;
  private final Duration oldestWaitingThreshold;

  /**
   * @param dbq the queue to check
   * @param schemaOwnedByDbq whether dbq applies its own migrations ({@code dbq.migrate}): only then
   *     is a missing one DOWN (a schema Flyway or Liquibase applied records none in dbq's table)
   * @param oldestWaitingThreshold the longest wait that is still UP, or null for no threshold
   */
  public DbqHealthIndicator(Dbq dbq, boolean schemaOwnedByDbq, Duration oldestWaitingThreshold) {
    super("dbq health check failed");
    this.dbq = dbq;
    this.schemaOwnedByDbq = schemaOwnedByDbq;
    this.oldestWaitingThreshold = oldestWaitingThreshold;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    List<QueueStats> stats = dbq.queueStats();
    List<String> missing = dbq.missingMigrations();
    Map<String, Object> queues = new LinkedHashMap<>();
    List<String> overdue = new ArrayList<>();
    for (QueueStats q : stats) {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("runnable", q.runnable());
      detail.put("scheduled", q.scheduled());
      detail.put("held", q.held());
      detail.put("oldestRunnableAge", q.oldestRunnableAge().toString());
      queues.put(q.queue(), detail);
      if (oldestWaitingThreshold != null
          && q.oldestRunnableAge().compareTo(oldestWaitingThreshold) > 0) {
        overdue.add(q.queue());
      }
    }
    builder.withDetail("queues", queues);
    if (oldestWaitingThreshold != null) {
      builder.withDetail("oldestWaitingThreshold", oldestWaitingThreshold.toString());
    }
    if (!missing.isEmpty()) {
      builder.withDetail("missingMigrations", missing);
    }
    if (schemaOwnedByDbq && !missing.isEmpty()) {
      builder.down().withDetail("reason", "the dbq schema lacks migrations: run dbq migrate");
    } else if (!overdue.isEmpty()) {
      builder
          .down()
          .withDetail(
              "reason",
              "the oldest runnable job of "
                  + overdue
                  + " has waited longer than "
                  + oldestWaitingThreshold);
    } else {
      builder.up();
    }
  }
}
