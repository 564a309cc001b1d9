package dev.dbq.runtime;

import dev.dbq.runtime.internal.NamingRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The settings of a {@link Dbq} on the caller's data source, set on its {@link Dbq.Builder} ({@code
 * Dbq.builder(dataSource)}): each setter returns the builder, and {@link Dbq.Builder#build()}
 * builds the queue. Unset, each setting is what {@link Dbq#create(DataSource)} uses. This class
 * holds the settings apart from {@link Dbq} so that each stays readable, as {@link WorkerOptions}
 * does for the worker; only {@link Dbq.Builder} extends it.
 *
 * @param <B> the builder type the setters return
 */
public abstract class DbqOptions<B extends DbqOptions<B>> {
  private TransactionConnections transactions;
  private InstanceFactory instances = InstanceFactory.NEW_INSTANCE_PER_CALL;
  private boolean transactionPooling;
  private final List<Databases.Route> routes = new ArrayList<>();
  private final Set<String> routed = new HashSet<>();

  DbqOptions() {}

  /**
   * @return this, as the builder type
   */
  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * Serves a queue from another database, for when one primary is not enough: split the work by
   * queue. Every database holds an independent dbq schema ({@link Dbq#migrate()} migrates each); a
   * queue lives in exactly one, the one it is routed to, or the builder's data source (the default
   * database) when it is not routed. Then:
   *
   * <ul>
   *   <li>{@link Dbq#enqueueAll(Collection)}, {@link Dbq#submitAll(Collection)} and the generated
   *       builders' {@code enqueue(dbq)} insert into the database of the jobs' queue; a batch whose
   *       queues are routed to different databases is refused (it could not be one transaction).
   *       Only enqueues into the default database join the caller's transaction ({@link
   *       #transactionConnections}): a routed queue's jobs commit on their own, and the static
   *       {@code enqueue(Connection)} inserts wherever that connection is.
   *   <li>{@link Dbq#queueDepths()}, {@link Dbq#queueStats()}, {@link Dbq#countByState()}, {@link
   *       Dbq#schedules()}, {@link Queues#list()} and {@link JobQuery#counts()} merge every
   *       database; {@link Dbq#findJob(UUID)} and actions by id look in each; a listing, action or
   *       setting of one queue goes to that queue's database.
   *   <li>a worker built with {@link DbqWorker.Builder#dbq(Dbq)} serves queues of one database; one
   *       whose queues are routed to different databases is refused when built. It fires the
   *       {@code @Recurring} schedules of the jobs whose queue lives in its database only, so that
   *       a schedule fires once, where that queue's workers look.
   *   <li>{@link Dbq#dataSource()} and {@link Dbq#recentActivity(Duration)} are the default
   *       database's.
   * </ul>
   *
   * <p>Routing the same data source again adds queues to that database; routing a queue to the
   * builder's own data source changes nothing. {@link Dbq#close()} leaves routed data sources open,
   * as it leaves the builder's.
   *
   * @param queue the queue's name
   * @param database a data source of the database that serves it
   * @return the builder
   * @throws IllegalArgumentException when the name breaks the queue naming rule, or the queue is
   *     routed already
   */
  public B route(String queue, DataSource database) {
    return route(List.of(Objects.requireNonNull(queue, "queue")), database);
  }

  /**
   * Serves several queues from another database, as {@link #route(String, DataSource)} does one.
   *
   * @param queueNames the queues' names, at least one
   * @param database a data source of the database that serves them
   * @return the builder
   * @throws IllegalArgumentException when a name breaks the queue naming rule, a queue is routed
   *     already (here or before), or no queue is named; nothing is then routed
   */
  public B route(Collection<String> queueNames, DataSource database) {
    Objects.requireNonNull(database, "database");
    Set<String> names = new TreeSet<>();
    for (String queue : Objects.requireNonNull(queueNames, "queueNames")) {
      String name = NamingRules.checkQueueName(queue);
      if (routed.contains(name) || !names.add(name)) {
        throw new IllegalArgumentException(
            "queue '" + name + "' is routed twice: route each queue to one database");
      }
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("route at least one queue");
    }
    routed.addAll(names);
    routes.add(new Databases.Route(List.copyOf(names), database));
    return self();
  }

  /**
   * Makes enqueues through this {@code Dbq} join the calling thread's transaction, when it has one
   * (see {@link TransactionConnections}); unset, they always commit on a connection of their own.
   *
   * @param connections finds the transaction's connection
   * @return the builder
   */
  public B transactionConnections(TransactionConnections connections) {
    this.transactions = Objects.requireNonNull(connections, "connections");
    return self();
  }

  /**
   * Where the creation hooks that are instance methods get their instance at enqueue; {@link
   * InstanceFactory#NEW_INSTANCE_PER_CALL} unless set. Workers have their own ({@link
   * DbqWorker.Builder#instanceFactory}).
   *
   * @param factory supplies the instances
   * @return the builder
   */
  public B instanceFactory(InstanceFactory factory) {
    this.instances = Objects.requireNonNull(factory, "factory");
    return self();
  }

  /**
   * Says that the data source reaches PostgreSQL through a proxy that pools by transaction
   * (PgBouncer's {@code pool_mode = transaction}), where consecutive transactions of one client
   * connection may run on different server connections. dbq cannot detect such a proxy (it answers
   * as PostgreSQL does, and {@code SHOW pool_mode} is not a client's to ask), so this is explicit;
   * off unless set. On:
   *
   * <ul>
   *   <li>every connection this {@code Dbq} borrows uses no server-side prepared statement
   *       (pgjdbc's prepare threshold 0, set on the connection): a named statement ({@code S_1})
   *       left on one server connection would otherwise collide with another client's, or be
   *       missing in the next transaction;
   *   <li>workers built with {@link DbqWorker.Builder#dbq(Dbq)} take the setting too: they do not
   *       {@code LISTEN} (a {@code LISTEN} through the proxy silently never delivers) but poll
   *       every {@link DbqWorker.Builder#pollInterval(Duration) poll interval}, and see an
   *       operator's cancel at their next lease renewal;
   *   <li>what holds either way: migrations serialise on a transaction-level advisory lock, and no
   *       statement changes session state, so the proxy may move each transaction.
   * </ul>
   *
   * <p>Set the same on a pool of the application's own that other code shares ({@code
   * prepareThreshold=0} in its JDBC URL), since that code prepares statements too.
   *
   * @param on true behind a transaction-pooling proxy
   * @return the builder
   */
  public B transactionPooling(boolean on) {
    this.transactionPooling = on;
    return self();
  }

  TransactionConnections transactions() {
    return transactions;
  }

  InstanceFactory instances() {
    return instances;
  }

  boolean transactionPooling() {
    return transactionPooling;
  }

  List<Databases.Route> routes() {
    return List.copyOf(routes);
  }
}
