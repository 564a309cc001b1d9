package dev.dbq.spring.autoconfigure;

import dev.dbq.runtime.TransactionConnections;
import java.sql.Connection;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lends dbq the connection of the Spring transaction the calling thread is in, so that {@code
 * Jobs.x()...enqueue()} inside a {@code @Transactional} method commits and rolls back with the
 * method's own data. A transaction joins when its manager holds a connection of dbq's DataSource (a
 * {@code DataSourceTransactionManager} or {@code JdbcTransactionManager} on it, or a {@code
 * JpaTransactionManager} whose dialect exposes its JDBC connection, as Hibernate's does).
 *
 * <p>Why not {@code DataSourceUtils.getConnection} alone: inside a transaction on another resource
 * (another DataSource, JMS) it would open an auto-commit connection held until that transaction
 * ends, so the job would commit at once while looking joined. Without a connection of dbq's
 * DataSource bound, this returns none and the enqueue commits on its own, as outside any
 * transaction.
 */
final class SpringTransactionConnections implements TransactionConnections {
  private final DataSource dataSource;

  SpringTransactionConnections(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Connection current() {
    if (!TransactionSynchronizationManager.isActualTransactionActive()
        || !(TransactionSynchronizationManager.getResource(dataSource)
            instanceof ConnectionHolder holder)
        || !holder.isSynchronizedWithTransaction()) {
      return null;
    }
    // counts this use of the transaction's connection, given back in release
    return DataSourceUtils.getConnection(dataSource);
  }

  @Override
  public void release(Connection connection) {
    DataSourceUtils.releaseConnection(connection, dataSource);
  }
}
