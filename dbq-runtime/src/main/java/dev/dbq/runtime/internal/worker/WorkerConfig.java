package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.internal.TransactionPooling;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * What a {@link DbqWorker} runs with: its checked {@link WorkerSettings} and the database they
 * apply to.
 *
 * @param dataSource the database the claims, saves and leases use
 * @param listenerConnections where the wake-up listener's own connection comes from; null for no
 *     listener (the worker polls)
 * @param settings the checked settings
 * @param schedulesFired which of the catalog's jobs, by their queue, have their {@code @Recurring}
 *     schedules fired by this worker: every one, unless the queues are routed to several databases
 *     and a job's queue lives in another (its fired jobs would land where no worker of that queue
 *     looks, and each database would fire it once)
 */
public record WorkerConfig(
    DataSource dataSource,
    ListenerConnections listenerConnections,
    WorkerSettings settings,
    Predicate<String> schedulesFired) {

  /**
   * The configuration for a data source, whose listener connection is derived from it.
   *
   * @param dataSource the database
   * @param settings the checked settings
   * @return the configuration
   */
  public static WorkerConfig of(DataSource dataSource, WorkerSettings settings) {
    return new WorkerConfig(
        dataSource, ListenerConnections.forDataSource(dataSource), settings, queue -> true);
  }

  /**
   * The configuration behind a transaction-pooling proxy: connections that use no server-side
   * prepared statement, and no wake-up listener ({@code LISTEN} through the proxy never delivers),
   * so the worker polls.
   *
   * @param dataSource the database, through the proxy
   * @param settings the checked settings
   * @return the configuration
   */
  public static WorkerConfig polling(DataSource dataSource, WorkerSettings settings) {
    return new WorkerConfig(TransactionPooling.wrap(dataSource), null, settings, queue -> true);
  }

  /**
   * The same configuration, firing only the schedules of jobs whose queue passes the test.
   *
   * @param queues the queues, of the worker's database, whose jobs' schedules it fires
   * @return the configuration
   */
  public WorkerConfig firingSchedulesOf(Predicate<String> queues) {
    return new WorkerConfig(dataSource, listenerConnections, settings, queues);
  }
}
