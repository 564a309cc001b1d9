package dev.dbq.runtime;

import dev.dbq.runtime.internal.Listeners;
import dev.dbq.runtime.internal.store.Enqueuer;
import dev.dbq.runtime.internal.store.NewJob;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The way from builders to rows, for {@link Dbq}: the creation hooks (on the instances of its
 * {@link InstanceFactory}), the enqueue interceptors' trace contexts, the insert (on its pool, on
 * the transaction the calling thread has open, or on the caller's own connection), and the events
 * its listeners hear. Dbq keeps the API and its javadoc; this keeps the order of those parts.
 */
final class EnqueuePath {
  private final Enqueuer enqueuer;
  private final Listeners listeners;
  private final EnqueueInterceptors interceptors;
  private final TransactionConnections transactions; // null: never joins a caller's transaction
  private final InstanceFactory instances;

  EnqueuePath(
      Enqueuer enqueuer,
      Listeners listeners,
      EnqueueInterceptors interceptors,
      TransactionConnections transactions,
      InstanceFactory instances) {
    this.enqueuer = enqueuer;
    this.listeners = listeners;
    this.interceptors = interceptors;
    this.transactions = transactions;
    this.instances = instances;
  }

  /** Through the pool, or through the thread's open transaction when one is to be joined. */
  List<EnqueueResult> submit(Collection<? extends JobBuilder<?>> jobs) {
    // hooks run before a connection is taken from the pool: user code never holds one
    List<NewJob> prepared = JobPreparation.prepareAll(jobs, instances);
    Connection joined = transactions == null ? null : joinedConnection();
    List<UUID> ids =
        joined == null
            ? intercepted(prepared, false, enqueuer::enqueue)
            : inJoined(joined, prepared);
    EnqueueEvents.tell(listeners, prepared, ids, joined != null);
    return EnqueueEvents.results(prepared, ids);
  }

  /**
   * On the caller's connection, with the creation hooks' instances, the interceptors and the
   * listeners of {@code current}, the default {@code Dbq}'s path (none when null).
   */
  static List<EnqueueResult> submit(
      Connection connection, Collection<? extends JobBuilder<?>> jobs, EnqueuePath current) {
    List<NewJob> prepared =
        JobPreparation.prepareAll(
            jobs, current != null ? current.instances : InstanceFactory.NEW_INSTANCE_PER_CALL);
    List<UUID> ids;
    if (current == null) {
      ids = Enqueuer.enqueue(connection, prepared);
    } else {
      ids = current.intercepted(prepared, true, p -> Enqueuer.enqueue(connection, p));
      EnqueueEvents.tell(current.listeners, prepared, ids, true);
    }
    return EnqueueEvents.results(prepared, ids);
  }

  /** Stops the enqueuer's background notifications. */
  void close() {
    enqueuer.close();
  }

  /** The insert on the joined transaction's connection, which goes back to it in every case. */
  private List<UUID> inJoined(Connection joined, List<NewJob> prepared) {
    List<UUID> ids;
    try {
      ids = intercepted(prepared, true, p -> Enqueuer.enqueue(joined, p));
    } catch (RuntimeException e) {
      try {
        transactions.release(joined);
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    try {
      transactions.release(joined);
    } catch (SQLException e) {
      throw new DbqException("cannot give back the transaction's connection: " + e.getMessage(), e);
    }
    return ids;
  }

  /** The connection of the caller's open transaction, or null when it has none. */
  private Connection joinedConnection() {
    try {
      return transactions.current();
    } catch (SQLException e) {
      throw new DbqException(
          "cannot join the caller's transaction to enqueue: " + e.getMessage(), e);
    }
  }

  /** The insert, through the enqueue interceptors when there are any. */
  private List<UUID> intercepted(
      List<NewJob> prepared, boolean inCallersTransaction, EnqueueInterceptors.Insert insert) {
    return interceptors.isEmpty()
        ? insert.write(prepared)
        : interceptors.around(prepared, inCallersTransaction, insert);
  }
}
