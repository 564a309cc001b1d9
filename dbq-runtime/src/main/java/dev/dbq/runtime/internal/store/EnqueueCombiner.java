package dev.dbq.runtime.internal.store;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.internal.RefusedData;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets small enqueues that arrive together share one statement and one commit.
 *
 * <p>Why: each commit costs PostgreSQL a WAL flush and its per-transaction work, so threads that
 * each enqueue one job in a transaction of their own are capped by commits per second, not by the
 * rows. Here a caller that finds no insert of this {@code Dbq} in flight inserts its jobs at once,
 * alone, with no added wait; callers that arrive while one is in flight queue up, and when it
 * commits the oldest of them inserts everything queued in one statement (group commit done by the
 * client). One statement at a time also keeps the notification in the statement: notifying commits
 * are serialised by PostgreSQL, so two in flight would wait for each other anyway.
 *
 * <p>Nothing is weakened: each caller returns only after the commit that holds its jobs; each
 * request's jobs stay in one statement (all or nothing) and in their order; and when the database
 * refuses a shared statement's data, every request in it is retried alone, so that only the
 * offending caller fails. Any other failure (connection lost, table missing) fails every caller in
 * the statement, none of whose jobs were written.
 */
public final class EnqueueCombiner {
  /** Requests with more jobs than this (16; {@link Dbq#enqueueAll} says so) go straight through. */
  public static final int MAX_SHARED_REQUEST = 16;

  /** Jobs in one shared statement, at most (a single request over it still runs, alone). */
  static final int MAX_SHARED_JOBS = 512;

  /** Inserts jobs in one statement of a transaction of its own. */
  public interface Insert {
    void run(List<NewJob> jobs) throws SQLException;
  }

  private enum Stage {
    QUEUED,
    TAKEN,
    DONE
  }

  private static final class Request {
    final List<NewJob> jobs;
    final Condition settled;
    Stage stage = Stage.QUEUED;
    SQLException failure;

    Request(List<NewJob> jobs, Condition settled) {
      this.jobs = jobs;
      this.settled = settled;
    }
  }

  private final Insert insert;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Request> queued = new ArrayDeque<>();
  private boolean leading;

  public EnqueueCombiner(Insert insert) {
    this.insert = insert;
  }

  /**
   * Inserts the jobs, alone or with others', and returns once they are committed.
   *
   * @throws SQLException when the database refuses these jobs; nothing of them is then written
   */
  public void insert(List<NewJob> jobs) throws SQLException {
    Request mine = new Request(jobs, lock.newCondition());
    boolean lead;
    lock.lock();
    try {
      queued.addLast(mine);
      // uninterruptible: the leader may already be inserting these jobs, and the caller must
      // learn whether they committed (the interrupt status survives the wait)
      while (mine.stage != Stage.DONE && (leading || mine.stage != Stage.QUEUED)) {
        mine.settled.awaitUninterruptibly();
      }
      lead = mine.stage == Stage.QUEUED;
      leading |= lead;
    } finally {
      lock.unlock();
    }
    if (lead) {
      lead(mine);
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
  }

  /**
   * Inserts what is queued, oldest first, until the leader's own jobs are in; then hands the lead
   * to the oldest caller still waiting, who takes everything that queued meanwhile.
   */
  private void lead(Request mine) {
    try {
      while (true) {
        List<Request> batch;
        lock.lock();
        try {
          if (mine.stage == Stage.DONE) {
            return;
          }
          batch = takeQueued();
        } finally {
          lock.unlock();
        }
        run(batch);
      }
    } finally {
      lock.lock();
      try {
        leading = false;
        if (!queued.isEmpty()) {
          queued.peekFirst().settled.signal();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** Callers whose jobs wait for the next statement; for tests. */
  int queuedCallers() {
    lock.lock();
    try {
      return queued.size();
    } finally {
      lock.unlock();
    }
  }

  /** The queued requests from the oldest, up to {@link #MAX_SHARED_JOBS} jobs but at least one. */
  private List<Request> takeQueued() {
    List<Request> batch = new ArrayList<>();
    int jobs = 0;
    while (!queued.isEmpty()
        && (batch.isEmpty() || jobs + queued.peekFirst().jobs.size() <= MAX_SHARED_JOBS)) {
      Request r = queued.pollFirst();
      r.stage = Stage.TAKEN;
      jobs += r.jobs.size();
      batch.add(r);
    }
    return batch;
  }

  /** Inserts the batch and settles every request in it, whatever happens. */
  private void run(List<Request> batch) {
    try {
      if (batch.size() == 1) {
        settle(batch, attempt(batch.get(0).jobs));
        return;
      }
      List<NewJob> all = new ArrayList<>();
      for (Request r : batch) {
        all.addAll(r.jobs);
      }
      SQLException shared = attempt(all);
      if (shared == null || !RefusedData.is(shared)) {
        settle(batch, shared);
        return;
      }
      // one request's data was refused: retry each alone so that only its caller fails
      for (Request r : batch) {
        settle(List.of(r), attempt(r.jobs));
      }
    } catch (RuntimeException e) {
      settle(batch, new SQLException("unexpected failure: " + e, e));
    } catch (Error e) {
      settle(batch, new SQLException("unexpected failure: " + e, e));
      throw e;
    }
  }

  private SQLException attempt(List<NewJob> jobs) {
    try {
      insert.run(jobs);
      return null;
    } catch (SQLException e) {
      return e;
    }
  }

  /** Marks the still unsettled requests done, with the failure or none, and wakes their callers. */
  private void settle(List<Request> requests, SQLException failure) {
    lock.lock();
    try {
      for (Request r : requests) {
        if (r.stage != Stage.DONE) {
          r.stage = Stage.DONE;
          r.failure = failure;
          r.settled.signal();
        }
      }
    } finally {
      lock.unlock();
    }
  }
}
