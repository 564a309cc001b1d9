package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.internal.RuntimeLoggers;
import dev.dbq.runtime.internal.store.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;

/**
 * Vacuums {@code dbq_job} in the background after every {@code every} jobs this worker claimed.
 *
 * <p>Why: each claim leaves a dead entry at the head of {@code dbq_job_claim_idx}, which every
 * later claim steps over until a vacuum removes it; at thousands of jobs a second the head grows by
 * a thousand index pages in a minute, while autovacuum visits a database at most once per {@code
 * autovacuum_naptime}. {@code SKIP_LOCKED}: when another worker's vacuum runs, this one is skipped
 * rather than queued. A database user that does not own the table is refused (PostgreSQL only
 * warns): that is logged once, with the fix, and this worker stops trying.
 */
public final class TableVacuum {
  private static final Logger log = RuntimeLoggers.of(TableVacuum.class);

  private final DataSource dataSource;
  private final long every;
  private final AtomicLong sinceLast = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile boolean refused;

  /**
   * @param every claimed jobs between two vacuums; 0 never vacuums
   */
  TableVacuum(DataSource dataSource, long every) {
    this.dataSource = dataSource;
    this.every = every;
  }

  /** Counts claimed jobs; starts a vacuum in the background when one is due and none runs. */
  void claimed(int jobs, String threadName) {
    if (every <= 0
        || refused
        || sinceLast.addAndGet(jobs) < every
        || !running.compareAndSet(false, true)) {
      return;
    }
    sinceLast.set(0);
    Thread t = new Thread(this::vacuum, threadName);
    t.setDaemon(true);
    t.start();
  }

  private void vacuum() {
    long start = System.nanoTime();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(true); // VACUUM cannot run inside a transaction block
      s.execute(SqlStatement.VACUUM.sql());
      SQLWarning refused = notOwner(s.getWarnings());
      if (refused != null) {
        // a user that does not own the table gets a WARNING, not an error: nothing was vacuumed
        refusedOnce(c, refused);
      } else {
        // other warnings ("skipping vacuum ... lock not available": another vacuum runs) are normal
        log.debug("vacuumed dbq_job in {} ms", (System.nanoTime() - start) / 1_000_000);
      }
    } catch (SQLException e) {
      log.warn("cannot vacuum dbq_job; autovacuum is left to do it", e);
    } finally {
      running.set(false);
    }
  }

  /**
   * The warning PostgreSQL gives a user that may not vacuum the table: "skipping ... only table or
   * database owner can vacuum it" (up to 15), "permission denied to vacuum ..., skipping it" (16+).
   */
  private static SQLWarning notOwner(SQLWarning warnings) {
    for (SQLWarning w = warnings; w != null; w = w.getNextWarning()) {
      String m = String.valueOf(w.getMessage());
      if (m.contains("owner can vacuum") || m.contains("permission denied")) {
        return w;
      }
    }
    return null;
  }

  /** Says once what to do, and stops trying: every further attempt would be refused the same. */
  private void refusedOnce(Connection c, SQLWarning warning) {
    refused = true;
    String user;
    try {
      user = c.getMetaData().getUserName();
    } catch (SQLException e) {
      user = "the worker's user";
    }
    log.warn(
        "the worker cannot vacuum dbq_job ({}): run ALTER TABLE dbq_job OWNER TO {} (or, from"
            + " PostgreSQL 17, GRANT MAINTAIN ON dbq_job TO {}), or turn the worker's vacuum off"
            + " with --vacuum-every 0 (DbqWorker.Builder.vacuumEvery(0)); autovacuum is left to"
            + " do it, and this worker does not try again",
        warning.getMessage(),
        user,
        user);
  }
}
