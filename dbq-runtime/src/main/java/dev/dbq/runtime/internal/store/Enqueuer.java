package dev.dbq.runtime.internal.store;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqException;
import dev.dbq.runtime.internal.Deadlocks;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Writes prepared jobs for one {@link Dbq}: small enqueues share statements and commits through the
 * {@link EnqueueCombiner}, the statement notifies idle workers when it runs alone and the {@link
 * Notifier} does afterwards when others are in flight, and a database failure becomes a {@link
 * DbqException} that names the jobs.
 *
 * <p>Why apart from {@code Dbq}: the façade prepares the jobs (creation hooks, workspace checks),
 * which needs the API's package-private builder values; everything after that is the store's.
 */
public final class Enqueuer implements AutoCloseable {

  private final DataSource dataSource;
  private final Notifier notifier;
  private final AtomicInteger enqueuing = new AtomicInteger();
  private final EnqueueCombiner combiner = new EnqueueCombiner(this::insertCommitted);

  public Enqueuer(DataSource dataSource) {
    this.dataSource = dataSource;
    this.notifier = new Notifier(dataSource);
  }

  /**
   * Inserts the jobs apart from any transaction of the caller's and returns once they are
   * committed, together and in order.
   *
   * <p>A batch that holds a unique job goes around the combiner, in a transaction of its own (see
   * {@link #insertUniqueCommitted}).
   *
   * @return the ids, in the jobs' order: a unique job's own, or that of the job holding its key
   * @throws DbqException when the database fails; none of these jobs is then written
   */
  public List<UUID> enqueue(List<NewJob> jobs) {
    if (jobs.isEmpty()) {
      return List.of();
    }
    if (holdsUnique(jobs)) {
      try {
        return insertUniqueCommitted(jobs);
      } catch (SQLException e) {
        throw new DbqException(failure(jobs, e), e);
      }
    }
    try {
      if (jobs.size() <= EnqueueCombiner.MAX_SHARED_REQUEST) {
        combiner.insert(jobs);
      } else {
        insertCommitted(jobs);
      }
    } catch (SQLException e) {
      throw new DbqException(failure(jobs, e), e);
    }
    return ids(jobs);
  }

  /**
   * Inserts the jobs in one statement inside the caller's transaction, notifying on its commit; the
   * connection is neither committed, rolled back nor closed.
   *
   * <p>A unique job that a job in its refusing states already holds the key of is not inserted (see
   * {@link UniqueInsert}); a concurrent enqueue of the same key waits for this transaction.
   *
   * @return the ids, in the jobs' order: a unique job's own, or that of the job holding its key
   * @throws DbqException when the database fails
   */
  public static List<UUID> enqueue(Connection connection, List<NewJob> jobs) {
    if (jobs.isEmpty()) {
      return List.of();
    }
    try {
      if (holdsUnique(jobs)) {
        return UniqueInsert.insert(connection, jobs, true);
      }
      JobStore.insert(connection, jobs);
    } catch (SQLException e) {
      throw new DbqException(failure(jobs, e), e);
    }
    return ids(jobs);
  }

  /** Sends the notifications still pending, then stops notifying. */
  @Override
  public void close() {
    notifier.close();
  }

  /** Inserts the jobs in one statement and commits; then makes sure idle workers hear of them. */
  private void insertCommitted(List<NewJob> jobs) throws SQLException {
    boolean alone = enqueuing.incrementAndGet() == 1;
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      // one statement is atomic on its own: auto-commit saves the BEGIN and COMMIT round trips
      c.setAutoCommit(true);
      Throwable failed = null;
      try {
        JobStore.insert(c, jobs, alone);
      } catch (SQLException | RuntimeException e) {
        failed = e;
        throw e;
      } finally {
        AutoCommit.restore(c, autoCommit, failed);
      }
    } finally {
      enqueuing.decrementAndGet();
    }
    if (!alone) {
      Set<String> queues = new LinkedHashSet<>();
      for (NewJob job : jobs) {
        queues.add(job.queue());
      }
      notifier.request(queues);
    }
  }

  /**
   * Inserts a batch with unique jobs in a transaction of its own: the insert and the look-up of the
   * keys' holders commit together, so a failure writes none of the batch. Not through the combiner:
   * the answers are per job, and a unique enqueue is rare enough to pay its own commit. Two batches
   * that take the same keys in different orders can deadlock (each waits for the other's
   * uncommitted row); PostgreSQL then fails one, which is tried again here.
   */
  private List<UUID> insertUniqueCommitted(List<NewJob> jobs) throws SQLException {
    boolean alone = enqueuing.incrementAndGet() == 1;
    List<UUID> ids;
    try {
      ids = insertUniqueWithRetry(jobs, alone);
    } finally {
      enqueuing.decrementAndGet();
    }
    if (!alone) {
      Set<String> queues = new LinkedHashSet<>();
      for (NewJob job : jobs) {
        queues.add(job.queue());
      }
      notifier.request(queues);
    }
    return ids;
  }

  private List<UUID> insertUniqueWithRetry(List<NewJob> jobs, boolean notify) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        Throwable failed = null;
        try {
          List<UUID> ids = UniqueInsert.insert(c, jobs, notify);
          c.commit();
          return ids;
        } catch (SQLException | RuntimeException e) {
          rollback(c, e);
          if (attempt < Deadlocks.MAX_ATTEMPTS
              && e instanceof SQLException sql
              && Deadlocks.isVictim(sql)) {
            continue;
          }
          failed = e;
          throw e;
        } finally {
          AutoCommit.restore(c, autoCommit, failed);
        }
      }
    }
  }

  private static void rollback(Connection c, Exception failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static boolean holdsUnique(List<NewJob> jobs) {
    for (NewJob job : jobs) {
      if (job.unique() != null) {
        return true;
      }
    }
    return false;
  }

  private static List<UUID> ids(List<NewJob> jobs) {
    List<UUID> ids = new ArrayList<>(jobs.size());
    for (NewJob job : jobs) {
      ids.add(job.id());
    }
    return List.copyOf(ids);
  }

  private static String failure(List<NewJob> jobs, SQLException e) {
    String what =
        jobs.size() == 1
            ? "cannot enqueue job '" + jobs.get(0).name() + "'"
            : "cannot enqueue " + jobs.size() + " jobs";
    return what + ": " + e.getMessage();
  }
}
