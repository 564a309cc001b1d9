package dev.dbq.runtime;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbq.runtime.internal.ConnectionSettings;
import dev.dbq.runtime.internal.Listeners;
import dev.dbq.runtime.internal.QueueRoutes;
import dev.dbq.runtime.internal.TransactionPooling;
import dev.dbq.runtime.internal.store.Enqueuer;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * The entry point to a dbq database: enqueue jobs, migrate the schema, inspect queues.
 *
 * <pre>{@code
 * try (Dbq dbq = Dbq.connect("jdbc:postgresql://localhost:5432/app?user=app")) {
 *   dbq.migrate();
 *   UUID id = Jobs.importCats().workspace(batch).enqueue(dbq);
 * }
 * }</pre>
 *
 * <p>A {@code Dbq} is thread-safe; create one per database and share it. Database failures are
 * thrown as {@link DbqException}, whose message says what was being done and never contains a
 * password.
 *
 * <p>When one primary is not enough, one {@code Dbq} can serve several databases, each queue from
 * one of them ({@link Builder#route(String, DataSource)}, {@link #ENV_ROUTES}); its methods then
 * say what they do across databases.
 */
public final class Dbq implements AutoCloseable {
  /** The pool size of {@link #connect(String)}: enough for enqueuing and a few workers' slots. */
  public static final int DEFAULT_POOL_SIZE = 10;

  /** Environment variable with the JDBC URL read by {@link #fromEnvironment()}. */
  public static final String ENV_JDBC_URL = "DBQ_JDBC_URL";

  /** Optional environment variable with the database user. */
  public static final String ENV_USER = "DBQ_USER";

  /** Optional environment variable with the database password. */
  public static final String ENV_PASSWORD = "DBQ_PASSWORD";

  /**
   * Optional environment variable: {@code true} when {@code DBQ_JDBC_URL} reaches PostgreSQL
   * through a transaction-pooling proxy (PgBouncer's {@code pool_mode = transaction}); see {@link
   * Builder#transactionPooling(boolean)}. {@code false} or unset for a direct connection.
   */
  public static final String ENV_TRANSACTION_POOLING = "DBQ_TRANSACTION_POOLING";

  /**
   * Optional environment variable: queues served by databases other than {@code DBQ_JDBC_URL}'s, as
   * {@code QUEUE[,QUEUE...]=JDBC_URL} entries separated by {@code ;}, for example {@code
   * imports,reports=jdbc:postgresql://db2:5432/app;mail=jdbc:postgresql://db3:5432/app}. Each
   * routed database gets a pool of its own and the same {@code DBQ_USER}, {@code DBQ_PASSWORD} and
   * {@code DBQ_TRANSACTION_POOLING}; see {@link Builder#route(String, DataSource)} for what routing
   * does. Every command of the command line honours it.
   */
  public static final String ENV_ROUTES = "DBQ_ROUTES";

  /**
   * The largest workspace accepted, in bytes of compact UTF-8 JSON (1 MiB). Enqueueing a larger
   * one, or a step returning one, fails with a {@link WorkspaceException} that names both sizes;
   * nothing is written. A workspace carries a job's parameters and small results between steps:
   * keep bulk data in tables or object storage and put a reference in the workspace.
   */
  public static final int MAX_WORKSPACE_BYTES = 1 << 20;

  private static volatile Dbq defaultDbq;

  private final DataSource dataSource;
  private final List<HikariDataSource> ownPools;
  private final boolean transactionPooling;
  private final Listeners listeners = new Listeners(List.of());
  private final EnqueueInterceptors interceptors = new EnqueueInterceptors();
  private final Databases databases;
  private final List<EnqueuePath> paths; // one per database, in the order of databases.all()
  private final EnqueuePath enqueues; // the default database's
  private final Queues queues;
  private final DbqReads reads;

  Dbq(
      DataSource dataSource,
      List<HikariDataSource> ownPools,
      TransactionConnections transactions,
      InstanceFactory instances,
      boolean transactionPooling,
      List<Databases.Route> routes) {
    this.ownPools = List.copyOf(ownPools);
    this.transactionPooling = transactionPooling;
    this.databases =
        Databases.of(
            dataSource, routes, ds -> transactionPooling ? TransactionPooling.wrap(ds) : ds);
    this.dataSource = databases.all().get(0);
    List<EnqueuePath> paths = new ArrayList<>();
    for (DataSource source : databases.all()) {
      // only the default database's enqueues can join the caller's transaction: it is on that one
      TransactionConnections joins = paths.isEmpty() ? transactions : null;
      paths.add(new EnqueuePath(new Enqueuer(source), listeners, interceptors, joins, instances));
    }
    this.paths = List.copyOf(paths);
    this.enqueues = paths.get(0);
    this.queues = new Queues(databases);
    this.reads = new DbqReads(databases);
  }

  /**
   * Connects with a pool of its own ({@value #DEFAULT_POOL_SIZE} connections, named {@code dbq-N});
   * the URL may carry {@code user} and {@code password} parameters.
   *
   * @param jdbcUrl a {@code jdbc:postgresql:} URL
   * @return the queue; close it to close the pool
   * @throws DbqException when the database cannot be reached
   * @throws IllegalArgumentException when the URL is not a {@code jdbc:postgresql:} URL
   */
  public static Dbq connect(String jdbcUrl) {
    return connect(jdbcUrl, null, null);
  }

  /**
   * Connects with a pool of its own, with credentials given apart from the URL.
   *
   * @param jdbcUrl a {@code jdbc:postgresql:} URL
   * @param user the database user, or null to take it from the URL
   * @param password the password, or null to take it from the URL
   * @return the queue; close it to close the pool
   * @throws DbqException when the database cannot be reached
   * @throws IllegalArgumentException when the URL is not a {@code jdbc:postgresql:} URL
   */
  public static Dbq connect(String jdbcUrl, String user, String password) {
    return connect(new ConnectionSettings(jdbcUrl, user, password));
  }

  private static Dbq connect(ConnectionSettings settings) {
    return DbqPools.connect(settings, QueueRoutes.NONE);
  }

  /**
   * Uses the caller's data source; {@link #close()} leaves it open.
   *
   * @param dataSource a data source for the dbq database
   * @return the queue
   */
  public static Dbq create(DataSource dataSource) {
    return new Dbq(
        Objects.requireNonNull(dataSource, "dataSource"),
        List.of(),
        null,
        InstanceFactory.NEW_INSTANCE_PER_CALL,
        false,
        List.of());
  }

  /**
   * Starts a {@code Dbq} on the caller's data source with more than {@link #create(DataSource)}
   * sets: the transactions enqueues join and the instances creation hooks run on. What frameworks
   * use (the Spring Boot starter builds its {@code Dbq} here).
   *
   * <pre>{@code
   * Dbq dbq = Dbq.builder(dataSource)
   *     .transactionConnections(connections)   // enqueue() joins the caller's transaction
   *     .instanceFactory(factory)              // creation hooks run on the container's beans
   *     .build();
   * }</pre>
   *
   * @param dataSource a data source for the dbq database; {@link #close()} leaves it open
   * @return a builder
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
  }

  /**
   * Connects to {@code DBQ_JDBC_URL} (with optional {@code DBQ_USER}, {@code DBQ_PASSWORD}) with a
   * pool of its own, as {@link #connect(String, String, String)} does; with {@code
   * DBQ_TRANSACTION_POOLING=true}, as {@link Builder#transactionPooling(boolean)} says; with {@link
   * #ENV_ROUTES DBQ_ROUTES}, the queues it names are served by their databases.
   *
   * @return the queue; close it to close the pool
   * @throws IllegalStateException when {@code DBQ_JDBC_URL} is not set, or {@code
   *     DBQ_TRANSACTION_POOLING} is neither {@code true} nor {@code false}
   * @throws IllegalArgumentException when {@code DBQ_ROUTES} is malformed, names a queue that
   *     breaks the naming rule or routes one twice
   * @throws DbqException when the database cannot be reached
   */
  public static Dbq fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * Connects to the database the given variables name, as {@link #fromEnvironment()} does with the
   * process environment; for tests and for applications that build their own environment.
   *
   * @param environment variables: {@code DBQ_JDBC_URL}, optional {@code DBQ_USER}, {@code
   *     DBQ_PASSWORD}, {@code DBQ_TRANSACTION_POOLING} and {@code DBQ_ROUTES}
   * @return the queue; close it to close the pool
   * @throws IllegalStateException when {@code DBQ_JDBC_URL} is not set, or {@code
   *     DBQ_TRANSACTION_POOLING} is neither {@code true} nor {@code false}
   * @throws IllegalArgumentException when {@code DBQ_ROUTES} is malformed, names a queue that
   *     breaks the naming rule or routes one twice
   * @throws DbqException when the database cannot be reached
   */
  public static Dbq fromEnvironment(Map<String, String> environment) {
    ConnectionSettings settings = ConnectionSettings.fromEnvironment(environment);
    QueueRoutes routes = QueueRoutes.fromEnvironment(environment); // bad routes: before any pool
    return DbqPools.connect(settings, routes);
  }

  /**
   * Sets the process default used by {@code enqueue()} without arguments.
   *
   * @param dbq the default, or null to clear it
   */
  public static synchronized void setDefault(Dbq dbq) {
    defaultDbq = dbq;
  }

  /**
   * The process default set with {@link #setDefault(Dbq)}.
   *
   * @return the process default
   * @throws IllegalStateException when none is set
   */
  public static Dbq getDefault() {
    Dbq dbq = defaultDbq;
    if (dbq == null) {
      throw new IllegalStateException(
          "no default Dbq is set: call Dbq.setDefault(Dbq.connect(...)) at start-up, or pass a"
              + " Dbq or a Connection to enqueue(...)");
    }
    return dbq;
  }

  /**
   * @return the data source of the default database (with {@linkplain Builder#route routes}, the
   *     one that serves every queue not routed): the caller's, or this queue's own pool; with
   *     {@linkplain #isTransactionPooling() transaction pooling}, wrapped so that its connections
   *     use no server-side prepared statement
   */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * @return whether this queue was set up for a transaction-pooling proxy ({@link
   *     Builder#transactionPooling(boolean)}, {@link #ENV_TRANSACTION_POOLING}); workers built with
   *     {@link DbqWorker.Builder#dbq(Dbq)} then poll instead of listening
   */
  public boolean isTransactionPooling() {
    return transactionPooling;
  }

  /**
   * Applies the schema migrations not yet applied. Idempotent, and safe when several processes
   * start at once: they wait for each other on an advisory lock and the migrations apply once.
   * Applied versions are recorded in the table {@code dbq_schema_version}.
   *
   * <p>Teams that run their migrations with Flyway or Liquibase can instead copy the scripts from
   * {@code dev/dbq/runtime/migrations/} ({@code V1__create_dbq_job.sql}, ...) into their own
   * migrations; they are plain SQL and idempotent, so calling this method as well does no harm.
   *
   * @throws DbqException when the database fails; the schema is then unchanged
   */
  public void migrate() {
    reads.migrate();
  }

  /**
   * The migrations of this version of dbq that the database has not recorded in {@code
   * dbq_schema_version}: empty once {@link #migrate()} has run. A schema that Flyway or Liquibase
   * applied from the scripts records nothing there, so every script reads missing until {@link
   * #migrate()} runs once (it re-applies the idempotent scripts and records them). For health
   * checks; it only reads.
   *
   * <p>With {@linkplain Builder#route routes}, a script counts as missing when any of the databases
   * lacks it.
   *
   * @return the script names ({@code V1__create_dbq_job.sql}, ...), in order
   * @throws DbqException when the database fails
   */
  public List<String> missingMigrations() {
    return reads.missingMigrations();
  }

  EnqueueResult submit(JobBuilder<?> job) {
    return submitAll(List.of(job)).get(0);
  }

  /** The path of the database that serves the batch's queues (see {@link Builder#route}). */
  private EnqueuePath pathFor(Collection<? extends JobBuilder<?>> jobs) {
    if (!databases.isRouted()) {
      return enqueues;
    }
    Set<String> queueNames = new TreeSet<>();
    for (JobBuilder<?> job : Objects.requireNonNull(jobs, "jobs")) {
      queueNames.add(Objects.requireNonNull(job, "job").queueName());
    }
    return paths.get(databases.indexServing(queueNames, "a batch of jobs (one transaction)"));
  }

  static EnqueueResult submit(Connection connection, JobBuilder<?> job) {
    return submitAll(connection, List.of(job)).get(0);
  }

  /**
   * Enqueues many jobs in one statement, apart from any transaction of the caller's, in the given
   * order: they are committed together when this returns, and jobs of equal priority run in that
   * order. Every creation hook runs first; if one throws, nothing is inserted. From generated
   * builders: {@code dbq.enqueueAll(List.of(Jobs.a().workspace(x), Jobs.b()))}.
   *
   * <p>A {@code Dbq} built with {@link Builder#transactionConnections} inserts instead on the
   * connection of the transaction the calling thread has open, when it has one: the jobs then exist
   * exactly when that transaction commits.
   *
   * <p>Idle workers are notified once per distinct queue: by the statement itself, or, while other
   * enqueues of this {@code Dbq} are in flight, right after the commit, coalesced with theirs
   * (notifying transactions cannot share a disk flush, so this keeps concurrent enqueues from
   * queuing behind each other's commits).
   *
   * <p>Calls from several threads at once share commits: while one call's statement is in flight,
   * small calls (up to 16 jobs) queue up, and when it commits the oldest of them inserts all that
   * queued in one statement. Each call still returns only once its own jobs are committed, keeps
   * them together and in order, and fails alone when the database refuses its data.
   *
   * <p>With {@linkplain Builder#route routes}, the jobs go to the database that serves their
   * queues. A batch is one transaction on one database, so a batch whose queues are served by
   * different databases is refused before any creation hook runs; enqueue each database's jobs in a
   * call of its own.
   *
   * @param jobs the builders
   * @return the ids, in the same order
   * @throws IllegalArgumentException when the jobs' queues are routed to different databases
   * @throws WorkspaceException when a workspace is not a JSON object of the job's type, or is
   *     larger than {@link #MAX_WORKSPACE_BYTES}
   * @throws CreationHookException when a creation hook throws a checked exception (unchecked ones
   *     reach the caller unchanged)
   * @throws DbqException when the database fails; nothing is then inserted
   */
  public List<UUID> enqueueAll(Collection<? extends JobBuilder<?>> jobs) {
    return pathFor(jobs).submit(jobs).stream().map(EnqueueResult::id).toList();
  }

  /**
   * Enqueues many jobs as {@link #enqueueAll(Collection)} does, and says of each whether it was a
   * duplicate. A unique job (see {@link Uniqueness}) whose key a job in one of its refusing states
   * holds, or an earlier job of the same batch, is not inserted: its result is that job's id,
   * flagged {@link EnqueueResult#duplicate()}. A partial unique index decides, so this holds for
   * any number of threads and processes enqueueing the same key at once. A batch that holds a
   * unique job runs in a transaction of its own rather than sharing other callers' statement.
   * Routed as {@link #enqueueAll(Collection)} is.
   *
   * @param jobs the builders
   * @return one result per job, in the same order
   * @throws IllegalArgumentException when the jobs' queues are routed to different databases
   * @throws WorkspaceException when a workspace is not a JSON object of the job's type, or is
   *     larger than {@link #MAX_WORKSPACE_BYTES}
   * @throws CreationHookException when a creation hook throws a checked exception (unchecked ones
   *     reach the caller unchanged)
   * @throws DbqException when the database fails; nothing is then inserted
   */
  public List<EnqueueResult> submitAll(Collection<? extends JobBuilder<?>> jobs) {
    return pathFor(jobs).submit(jobs);
  }

  /**
   * Enqueues many jobs in one statement inside the caller's transaction, in the given order: the
   * jobs exist exactly when the caller commits. The connection is neither committed, rolled back
   * nor closed, and its auto-commit is left as it is (with auto-commit on, the jobs commit at
   * once). Every creation hook runs first; if one throws, nothing is inserted. Creation hooks that
   * are instance methods run on the instances of the {@linkplain #getDefault() default} {@code
   * Dbq}'s {@link InstanceFactory}, when there is one.
   *
   * @param connection the caller's connection
   * @param jobs the builders
   * @return the ids, in the same order
   * @throws WorkspaceException when a workspace is not a JSON object of the job's type, or is
   *     larger than {@link #MAX_WORKSPACE_BYTES}
   * @throws CreationHookException when a creation hook throws a checked exception (unchecked ones
   *     reach the caller unchanged)
   * @throws DbqException when the database fails
   */
  public static List<UUID> enqueueAll(
      Connection connection, Collection<? extends JobBuilder<?>> jobs) {
    Objects.requireNonNull(connection, "connection");
    return submitAll(connection, jobs).stream().map(EnqueueResult::id).toList();
  }

  /**
   * Enqueues many jobs inside the caller's transaction as {@link #enqueueAll(Connection,
   * Collection)} does, and says of each whether it was a duplicate (see {@link
   * #submitAll(Collection)}). A duplicate is decided against what is committed, and against what
   * this transaction wrote: an enqueue of the same key in another transaction waits for this one to
   * end, and is a duplicate of its job if it commits. Written for READ COMMITTED, the default:
   * under REPEATABLE READ or SERIALIZABLE a key held by a job committed after the transaction began
   * fails the statement with a serialization error, to be retried as any such error is.
   *
   * @param connection the caller's connection
   * @param jobs the builders
   * @return one result per job, in the same order
   * @throws WorkspaceException when a workspace is not a JSON object of the job's type, or is
   *     larger than {@link #MAX_WORKSPACE_BYTES}
   * @throws CreationHookException when a creation hook throws a checked exception (unchecked ones
   *     reach the caller unchanged)
   * @throws DbqException when the database fails
   */
  public static List<EnqueueResult> submitAll(
      Connection connection, Collection<? extends JobBuilder<?>> jobs) {
    Objects.requireNonNull(connection, "connection");
    Dbq current = defaultDbq;
    return EnqueuePath.submit(connection, jobs, current == null ? null : current.enqueues);
  }

  /**
   * Adds a listener told of this {@code Dbq}'s enqueues ({@link DbqListener#onEnqueued}), on the
   * enqueuing thread once the jobs are written. Enqueues through a caller's {@link Connection},
   * which have no {@code Dbq}, are told to the listeners of the {@linkplain #getDefault() default}
   * one, when there is one. Workers have listeners of their own ({@link
   * DbqWorker.Builder#listener}).
   *
   * @param listener the listener
   * @return this
   */
  public Dbq addListener(DbqListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * @param listener a listener added before
   * @return whether it was one of this {@code Dbq}'s listeners
   */
  public boolean removeListener(DbqListener listener) {
    return listeners.remove(listener);
  }

  /**
   * Adds an interceptor that sees this {@code Dbq}'s enqueues just before their statement runs and
   * may store a trace context with each job (a tracing module's send spans: {@code
   * dbq-opentelemetry}'s {@code DbqTracing}). Enqueues through a caller's {@link Connection} use
   * the interceptors of the {@linkplain #getDefault() default} {@code Dbq}, as its listeners hear
   * them. Interceptors run in the order added; where two store the same field, the later one's is
   * kept.
   *
   * @param interceptor the interceptor
   * @return this
   */
  public Dbq addEnqueueInterceptor(EnqueueInterceptor interceptor) {
    interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
    return this;
  }

  /**
   * @param interceptor an interceptor added before
   * @return whether it was one of this {@code Dbq}'s interceptors
   */
  public boolean removeEnqueueInterceptor(EnqueueInterceptor interceptor) {
    return interceptors.remove(interceptor);
  }

  /**
   * Counts waiting ({@code NEW} or {@code READY}) jobs per queue, including those whose {@code
   * run_after} is still in the future.
   *
   * @return waiting jobs per queue, sorted by queue name; queues with none are absent
   * @throws DbqException when the database fails
   */
  public Map<String, Long> queueDepths() {
    return queueDepths(false);
  }

  /**
   * Counts waiting ({@code NEW} or {@code READY}) jobs per queue.
   *
   * @param excludeFutureJobs leave out jobs whose {@code run_after} is in the future (by the
   *     database clock)
   * @return waiting jobs per queue, sorted by queue name; queues with none are absent
   * @throws DbqException when the database fails
   */
  public Map<String, Long> queueDepths(boolean excludeFutureJobs) {
    return reads.queueDepths(excludeFutureJobs);
  }

  /**
   * Looks at every queue holding unfinished jobs at once: runnable, scheduled and held jobs, and
   * how long the oldest runnable one has waited. One statement; with many waiting jobs it reads the
   * table, so callers that ask often (a metrics gauge) should cache the answer.
   *
   * @return one entry per queue with unfinished jobs, by queue name; queues with none are absent
   * @throws DbqException when the database fails
   */
  public List<QueueStats> queueStats() {
    return reads.queueStats();
  }

  /**
   * What the workers did in the last {@code window}: the step runs that ended, by outcome, in 60
   * equal buckets, and the workers seen at work (holding a job now, or having ended a run in the
   * window). Bounded: see {@link RecentActivity#MAX_RUNS}. With {@linkplain Builder#route routes},
   * the default database's activity only: each database has its own clock and buckets, so look at
   * another one through a {@code Dbq} of its own.
   *
   * @param window how far back to look, 1 second to 7 days
   * @return the activity, on the database clock
   * @throws IllegalArgumentException when the window is outside that range
   * @throws DbqException when the database fails
   */
  public RecentActivity recentActivity(Duration window) {
    return reads.recentActivity(window);
  }

  /**
   * Deletes finished and abandoned jobs: those {@code COMPLETE}, {@code FAILED} or {@code
   * CANCELLED}, and {@code STOPPING} ones without a claim, created more than {@code olderThan} ago
   * (by the database clock), in every database when there are {@linkplain Builder#route routes}. A
   * job whose claim is alive (its worker is finishing the step) or can be rescued is never deleted.
   *
   * @param olderThan age by creation time, 0 to 1,000 years
   * @return how many COMPLETE, FAILED, CANCELLED and STOPPING jobs were deleted
   * @throws IllegalArgumentException when {@code olderThan} is negative or over 1,000 years
   * @throws DbqException when the database fails
   */
  public int deleteOldJobs(Duration olderThan) {
    return reads.deleteOldJobs(olderThan);
  }

  /**
   * Looks up one job (in every database, when there are {@linkplain Builder#route routes}).
   *
   * @param id a job id
   * @return the job, or empty when there is none with that id (never enqueued, or deleted)
   * @throws DbqException when the database fails
   */
  public Optional<JobInfo> findJob(UUID id) {
    return reads.findJob(id);
  }

  /**
   * The queues as objects: pause, resume, concurrency limits, and every queue's jobs by state.
   *
   * @return the queues of this database; with {@linkplain Builder#route routes}, a queue's settings
   *     live in the database that serves it, and {@link Queues#list()} merges them all
   */
  public Queues queues() {
    return queues;
  }

  /**
   * A look at stored jobs: filter, page in the claim's order, count per state and queue. With
   * {@linkplain Builder#route routes}, a query of one queue reads the database that serves it, and
   * one of every queue reads each database in turn (see {@link JobQuery}).
   *
   * @return a query matching every job; refine it with its filters
   */
  public JobQuery jobs() {
    return JobQuery.of(databases);
  }

  /**
   * Counts all stored jobs by state, for dashboards and summaries (summed over every database, when
   * there are {@linkplain Builder#route routes}).
   *
   * @return a count for every {@link JobState}, 0 when there is none, in declaration order
   * @throws DbqException when the database fails
   */
  public Map<JobState, Long> countByState() {
    return reads.countByState();
  }

  /**
   * Every recurring schedule the workers registered, by job name, with its next fire time and the
   * outcome of its latest one.
   *
   * @return the schedules (of every database, with {@linkplain Builder#route routes}); empty when
   *     no worker with a schedule has run
   * @throws DbqException when the database cannot be read
   */
  public List<ScheduleInfo> schedules() {
    return reads.schedules();
  }

  /**
   * The operator's actions on stored jobs: retry, cancel, delete, run now.
   *
   * @return the actions, on this queue's database; with {@linkplain Builder#route routes}, jobs
   *     named by id are looked for in every database, and a filter of one queue acts on the
   *     database that serves it, one without a queue on each database in turn
   */
  public JobControl control() {
    return new JobControl(databases, null);
  }

  /**
   * Closes the pools that {@link #connect(String)} or {@link #fromEnvironment()} opened (with
   * {@link #ENV_ROUTES}, one per database); a data source given to {@link #create(DataSource)} or a
   * {@link Builder} stays open. When this is the process default, the default is cleared. Closing
   * twice does nothing.
   */
  @Override
  public void close() {
    synchronized (Dbq.class) {
      if (defaultDbq == this) {
        defaultDbq = null;
      }
    }
    paths.forEach(EnqueuePath::close);
    ownPools.forEach(HikariDataSource::close);
  }

  /** The data source serving all the given queues, for a worker built with this queue. */
  DataSource dataSourceServing(List<String> queueNames) {
    return reads.dataSourceServing(queueNames);
  }

  /** The queues that live in the same database as all the given ones (every queue unrouted). */
  Predicate<String> queuesWith(List<String> queueNames) {
    return reads.queuesWith(queueNames);
  }

  /**
   * Configures a {@code Dbq} on the caller's data source; from {@link Dbq#builder(DataSource)}. The
   * setters are {@link DbqOptions}'.
   */
  public static final class Builder extends DbqOptions<Builder> {
    private final DataSource dataSource;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /**
     * @return the queue; {@link Dbq#close()} leaves the data source open
     */
    public Dbq build() {
      return new Dbq(
          dataSource, List.of(), transactions(), instances(), transactionPooling(), routes());
    }
  }
}
