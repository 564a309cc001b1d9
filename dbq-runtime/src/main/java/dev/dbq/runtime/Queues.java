package dev.dbq.runtime;

import dev.dbq.runtime.internal.NamingRules;
import dev.dbq.runtime.internal.store.AutoCommit;
import dev.dbq.runtime.internal.store.QueueStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Queues as objects: pause and resume a queue, cap how many of its jobs run at once across every
 * worker, and list every queue with its jobs by state. From {@link Dbq#queues()}:
 *
 * <pre>{@code
 * dbq.queues().pause("mail");          // workers finish what they hold, claim no more of it
 * dbq.queues().resume("mail");         // idle workers claim within milliseconds (NOTIFY)
 * dbq.queues().limit("reports", 3);    // at most 3 PROCESSING or STOPPING, across all workers
 * dbq.queues().removeLimit("reports");
 * for (QueueInfo q : dbq.queues().list()) { ... }
 * }</pre>
 *
 * <p>A queue needs no creating: it exists once it has a job or a setting. Settings live in the
 * table {@code dbq_queue} (a queue that is back to running and unlimited keeps no row) and take
 * effect at the next claim of every worker, with no restart. Names follow the queue naming rule (a
 * letter, then letters, digits, {@code _}, {@code -}, {@code .}; at most 100 characters); a bad one
 * is refused with an {@link IllegalArgumentException} before anything is written. Thread-safe, like
 * the {@link Dbq} it belongs to. With {@linkplain Dbq.Builder#route routes}, a queue's settings
 * live in the database that serves it.
 */
public final class Queues {
  private final Databases databases;

  Queues(Databases databases) {
    this.databases = databases;
  }

  /**
   * Pauses a queue: its waiting jobs stay waiting, no worker claims another of its jobs, and jobs
   * workers already hold (running, or claimed ahead of a free slot) finish. Pausing a paused queue
   * changes nothing.
   *
   * @param queue the queue's name; it need have no jobs yet
   * @throws IllegalArgumentException when the name breaks the queue naming rule
   * @throws DbqException when the database fails
   */
  public void pause(String queue) {
    pause(List.of(Objects.requireNonNull(queue, "queue")));
  }

  /**
   * Pauses several queues in one statement, as {@link #pause(String)} does one; with {@linkplain
   * Dbq.Builder#route routes}, one statement per database that serves some of them (each database
   * all or nothing).
   *
   * @param queues the queues' names
   * @throws IllegalArgumentException when a name breaks the queue naming rule; nothing is paused
   * @throws DbqException when the database fails; nothing is paused
   */
  public void pause(Collection<String> queues) {
    List<String> names = checked(queues);
    byDatabase(names)
        .forEach(
            (database, some) ->
                run(database, "pause " + describe(some), c -> QueueStore.pause(c, some)));
  }

  /**
   * Resumes a paused queue: its idle workers are notified and claim its jobs within milliseconds,
   * without waiting for their next poll. Resuming a running queue changes nothing.
   *
   * @param queue the queue's name
   * @throws IllegalArgumentException when the name breaks the queue naming rule
   * @throws DbqException when the database fails
   */
  public void resume(String queue) {
    resume(List.of(Objects.requireNonNull(queue, "queue")));
  }

  /**
   * Resumes several queues in one statement, as {@link #resume(String)} does one; with {@linkplain
   * Dbq.Builder#route routes}, one statement per database that serves some of them.
   *
   * @param queues the queues' names
   * @throws IllegalArgumentException when a name breaks the queue naming rule; nothing is resumed
   * @throws DbqException when the database fails; nothing is resumed
   */
  public void resume(Collection<String> queues) {
    List<String> names = checked(queues);
    byDatabase(names)
        .forEach(
            (database, some) ->
                run(database, "resume " + describe(some), c -> QueueStore.resume(c, some)));
  }

  /**
   * Caps the queue's jobs that run at once, across every worker of every process: a claim takes no
   * more of its jobs than the limit less those PROCESSING or STOPPING, so the count never goes over
   * it. A job claimed ahead of a free slot counts from its claim, and a worker claims a limited
   * queue's jobs only for its idle slots, so that it never holds capacity it cannot use. The limit
   * applies to claims that start after this returns; lowering it stops no running job (the queue
   * then starts none until fewer than the new limit run). Raising it notifies idle workers, which
   * fill the room within milliseconds.
   *
   * @param queue the queue's name; it need have no jobs yet
   * @param concurrencyLimit at least 1
   * @throws IllegalArgumentException when the name breaks the queue naming rule or the limit is
   *     below 1
   * @throws DbqException when the database fails
   */
  public void limit(String queue, int concurrencyLimit) {
    String name = NamingRules.checkQueueName(queue);
    if (concurrencyLimit < 1) {
      throw new IllegalArgumentException(
          "concurrency limit must be at least 1, was " + concurrencyLimit);
    }
    run(
        databases.forQueue(name),
        "limit queue '" + name + "' to " + concurrencyLimit,
        c -> QueueStore.limit(c, name, concurrencyLimit));
  }

  /**
   * Removes the queue's concurrency limit, if it has one, and notifies its idle workers.
   *
   * @param queue the queue's name
   * @throws IllegalArgumentException when the name breaks the queue naming rule
   * @throws DbqException when the database fails
   */
  public void removeLimit(String queue) {
    String name = NamingRules.checkQueueName(queue);
    run(
        databases.forQueue(name),
        "remove the limit of queue '" + name + "'",
        c -> QueueStore.removeLimit(c, name));
  }

  /**
   * Every queue that has jobs (in any state) or settings, by name, with its jobs counted by state.
   * Reads the whole job table: an operator's look, not something to poll many times a second.
   *
   * @return the queues, sorted by name
   * @throws DbqException when the database fails
   */
  public List<QueueInfo> list() {
    if (!databases.isRouted()) {
      return read(databases.all().get(0), "cannot list queues", c -> QueueStore.list(c, null));
    }
    List<List<QueueInfo>> each = new ArrayList<>();
    for (DataSource database : databases.all()) {
      each.add(read(database, "cannot list queues", c -> QueueStore.list(c, null)));
    }
    return RoutedReads.mergeQueues(each, databases);
  }

  /**
   * One queue, whether or not it has jobs or settings: one with neither reads running, unlimited
   * and empty.
   *
   * @param queue the queue's name
   * @return the queue
   * @throws IllegalArgumentException when the name breaks the queue naming rule
   * @throws DbqException when the database fails
   */
  public QueueInfo get(String queue) {
    String name = NamingRules.checkQueueName(queue);
    List<QueueInfo> found =
        read(
            databases.forQueue(name),
            "cannot read queue '" + name + "'",
            c -> QueueStore.list(c, name));
    return found.isEmpty()
        ? new QueueInfo(name, false, OptionalInt.empty(), Map.of(), Optional.empty())
        : found.get(0);
  }

  /** Checked, distinct and sorted: the order in which the claim locks queue rows. */
  private static List<String> checked(Collection<String> queues) {
    Objects.requireNonNull(queues, "queues");
    TreeSet<String> names = new TreeSet<>();
    for (String queue : queues) {
      names.add(NamingRules.checkQueueName(queue));
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("name at least one queue");
    }
    return List.copyOf(names);
  }

  /** The queues grouped by the database that serves them, each group still sorted. */
  private Map<DataSource, List<String>> byDatabase(List<String> names) {
    Map<DataSource, List<String>> groups = new LinkedHashMap<>();
    for (String name : names) {
      groups.computeIfAbsent(databases.forQueue(name), d -> new ArrayList<>()).add(name);
    }
    return groups;
  }

  private static String describe(List<String> names) {
    return names.size() == 1 ? "queue '" + names.get(0) + "'" : "queues " + names;
  }

  /** A statement on the caller's behalf. */
  @FunctionalInterface
  private interface Change {
    void apply(Connection c) throws SQLException;
  }

  /** A read. */
  @FunctionalInterface
  private interface Read<T> {
    T apply(Connection c) throws SQLException;
  }

  /** Runs a change in a transaction of its own: all of it or nothing, notifications on commit. */
  private static void run(DataSource dataSource, String what, Change change) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      Throwable failed = null;
      try {
        change.apply(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        failed = e;
        throw e;
      } finally {
        AutoCommit.restore(c, autoCommit, failed);
      }
    } catch (SQLException e) {
      throw new DbqException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  private static <T> T read(DataSource dataSource, String what, Read<T> read) {
    try (Connection c = dataSource.getConnection()) {
      return read.apply(c);
    } catch (SQLException e) {
      throw new DbqException(what + ": " + e.getMessage(), e);
    }
  }
}
