package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.DbqWorker;
import javax.sql.DataSource;

/**
 * What a {@link DbqWorker} runs with: its checked {@link WorkerSettings} and the database they
 * apply to.
 *
 * @param dataSource the database the claims, saves and leases use
 * @param listenerConnections where the wake-up listener's own connection comes from
 * @param settings the checked settings
 */
public record WorkerConfig(
    DataSource dataSource, ListenerConnections listenerConnections, WorkerSettings settings) {

  /**
   * The configuration for a data source, whose listener connection is derived from it.
   *
   * @param dataSource the database
   * @param settings the checked settings
   * @return the configuration
   */
  public static WorkerConfig of(DataSource dataSource, WorkerSettings settings) {
    return new WorkerConfig(dataSource, ListenerConnections.forDataSource(dataSource), settings);
  }
}
