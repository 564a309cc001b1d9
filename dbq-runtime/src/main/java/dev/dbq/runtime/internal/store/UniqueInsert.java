package dev.dbq.runtime.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Inserts a batch that holds unique jobs and answers, for each job, the id of the job that now
 * stands for it: its own when it was inserted, else the one that holds its key.
 *
 * <p>How: jobs of a key already given earlier in the batch are answered with that one's result and
 * not sent (a batch never conflicts with itself). The rest go in with {@code ON CONFLICT DO
 * NOTHING} on the unique index ({@code insert-unique-jobs.sql}); for each unique job that did not
 * go in, a second statement reads which job holds its key ({@code find-unique-holders.sql}): a
 * statement of its own because only a new snapshot sees the concurrent inserter the first statement
 * waited for. A key no job holds any more by then (its job ended in between) is tried again, up to
 * {@link #MAX_ROUNDS} times: every round either inserts or finds a holder unless the key changes
 * hands between the two statements each time.
 *
 * <p>Both statements run on the caller's connection, in its transaction: the caller decides whether
 * they commit together. Under READ COMMITTED (the default) each statement sees what committed
 * before it; under REPEATABLE READ or SERIALIZABLE a conflict with a job committed after the
 * transaction began fails with a serialization error, which the caller retries as usual.
 */
final class UniqueInsert {
  /** Rounds of insert and look-up before a key that keeps changing hands fails the enqueue. */
  static final int MAX_ROUNDS = 8;

  private UniqueInsert() {}

  /**
   * @param notify whether the insert notifies (on commit) the queues of the jobs it inserted
   * @return for each job, in order, the id that stands for it (its own, or its key's holder's)
   * @throws SQLException when the database fails, or a key kept changing hands
   */
  static List<UUID> insert(Connection c, List<NewJob> jobs, boolean notify) throws SQLException {
    int n = jobs.size();
    UUID[] answers = new UUID[n];
    int[] sameAs = new int[n];
    Map<String, Integer> firstOfKey = new HashMap<>();
    List<NewJob> pending = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      NewJob job = jobs.get(i);
      sameAs[i] = i;
      if (job.unique() != null) {
        Integer first = firstOfKey.putIfAbsent(job.unique().hex(), i);
        if (first != null) {
          sameAs[i] = first;
          continue;
        }
      }
      pending.add(job);
    }
    Map<UUID, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(jobs.get(i).id(), i);
    }
    for (int round = 1; !pending.isEmpty(); round++) {
      if (round > MAX_ROUNDS) {
        throw new SQLException(
            "unique key of job '"
                + pending.get(0).name()
                + "' changed hands "
                + MAX_ROUNDS
                + " times while it was enqueued; try again");
      }
      Set<UUID> inserted = insertRows(c, pending, notify);
      List<NewJob> skipped = new ArrayList<>();
      for (NewJob job : pending) {
        if (inserted.contains(job.id())) {
          answers[index.get(job.id())] = job.id();
        } else {
          skipped.add(job);
        }
      }
      Map<String, UUID> holders = skipped.isEmpty() ? Map.of() : holders(c, skipped);
      pending = new ArrayList<>();
      for (NewJob job : skipped) {
        UUID holder = holders.get(job.unique().hex());
        if (holder != null) {
          answers[index.get(job.id())] = holder;
        } else {
          pending.add(job);
        }
      }
    }
    List<UUID> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(answers[sameAs[i]]);
    }
    return ids;
  }

  private static Set<UUID> insertRows(Connection c, List<NewJob> jobs, boolean notify)
      throws SQLException {
    Set<UUID> inserted = new HashSet<>();
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.INSERT_UNIQUE_JOBS)) {
      new InsertColumns(jobs)
          .bindTo(s, true)
          .setBoolean("notify", notify)
          .setString("channel", Notifications.CHANNEL);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          inserted.add(rs.getObject(1, UUID.class));
        }
      }
    }
    return inserted;
  }

  private static Map<String, UUID> holders(Connection c, List<NewJob> jobs) throws SQLException {
    String[] keys = new String[jobs.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = jobs.get(i).unique().hex();
    }
    Map<String, UUID> holders = new HashMap<>();
    try (NamedStatement s = NamedStatement.prepare(c, SqlStatement.FIND_UNIQUE_HOLDERS)) {
      s.setArray("keys", "text", keys);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          holders.put(rs.getString(1), rs.getObject(2, UUID.class));
        }
      }
    }
    return holders;
  }
}
