package dev.dbq.runtime;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Lends a {@link Dbq} the connection of a transaction that the calling thread has open, so that
 * {@code Jobs.someJob()...enqueue()} and {@link Dbq#enqueueAll} join it: the jobs then exist
 * exactly when that transaction commits, and not at all when it rolls back. A framework's
 * transaction support implements it (the Spring Boot starter's uses Spring's {@code
 * DataSourceUtils}); it is set with {@link Dbq.Builder#transactionConnections}.
 *
 * <p>Without one, or when {@link #current()} finds no transaction, an enqueue takes a connection of
 * the {@code Dbq}'s data source and commits at once, as it always does.
 *
 * <pre>{@code
 * Dbq dbq = Dbq.builder(dataSource)
 *     .transactionConnections(() -> myTransactions.currentConnectionOrNull())
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface TransactionConnections {

  /**
   * The connection of the transaction the calling thread has open on the dbq database. The {@code
   * Dbq} runs its insert on it and neither commits, rolls back nor closes it; it hands it back to
   * {@link #release} when the statement has run.
   *
   * @return the transaction's connection, or null when the thread has no transaction (the enqueue
   *     then commits on a connection of its own)
   * @throws SQLException when the transaction's connection cannot be had; the enqueue then fails
   *     with a {@link DbqException} and writes nothing
   */
  Connection current() throws SQLException;

  /**
   * Takes back a connection that {@link #current()} returned, once the enqueue's statement has run
   * (also when it failed); for implementations that count their connection's users. Does nothing
   * unless overridden.
   *
   * @param connection the connection {@link #current()} returned
   * @throws SQLException when giving it back fails; the {@code Dbq} adds it to the enqueue's own
   *     failure, if any, and otherwise throws it as a {@link DbqException}
   */
  default void release(Connection connection) throws SQLException {}
}
