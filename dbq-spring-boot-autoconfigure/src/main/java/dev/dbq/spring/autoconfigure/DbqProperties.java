package dev.dbq.spring.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * The {@code dbq.*} properties. Durations without a unit are seconds ({@code dbq.worker.lease=60}),
 * as on dbq's command line; {@code 500ms}, {@code 2m} and ISO-8601 ({@code PT1M}) work too. Each
 * worker setting is checked by the runtime when the worker is built, with an error naming the
 * setting and the bad value.
 */
@ConfigurationProperties("dbq")
public class DbqProperties {
  /**
   * Name of the DataSource bean dbq uses. Unset, the application's only DataSource, or its @Primary
   * one when it has several.
   */
  private String datasource;

  /**
   * Whether dbq applies its schema migrations at start-up (after Flyway and Liquibase when the
   * application has them). Turn off when Flyway or Liquibase applies dbq's scripts from
   * dev/dbq/runtime/migrations/.
   */
  private boolean migrate = true;

  /**
   * Whether dbq's DataSource reaches PostgreSQL through a transaction-pooling proxy (PgBouncer in
   * pool_mode=transaction): dbq's connections then use no server-side prepared statement and the
   * worker polls instead of listening. The application's own statements through the proxy need
   * prepareThreshold=0 in spring.datasource.url too, enqueues that join its transactions included.
   */
  private boolean transactionPooling = false;

  private final Worker worker = new Worker();

  private final Actuator actuator = new Actuator();

  private final Tracing tracing = new Tracing();

  private final Dashboard dashboard = new Dashboard();

  /**
   * @return the DataSource bean's name, or null for the only or primary one
   */
  public String getDatasource() {
    return datasource;
  }

  /**
   * @param datasource the DataSource bean's name
   */
  public void setDatasource(String datasource) {
    this.datasource = datasource;
  }

  /**
   * @return whether the migrations run at start-up
   */
  public boolean isMigrate() {
    return migrate;
  }

  /**
   * @param migrate whether the migrations run at start-up
   */
  public void setMigrate(boolean migrate) {
    this.migrate = migrate;
  }

  /**
   * @return whether the DataSource goes through a transaction-pooling proxy
   */
  public boolean isTransactionPooling() {
    return transactionPooling;
  }

  /**
   * @param transactionPooling whether the DataSource goes through a transaction-pooling proxy
   */
  public void setTransactionPooling(boolean transactionPooling) {
    this.transactionPooling = transactionPooling;
  }

  /**
   * @return the worker's settings
   */
  public Worker getWorker() {
    return worker;
  }

  /**
   * @return the actuator's settings
   */
  public Actuator getActuator() {
    return actuator;
  }

  /**
   * @return the tracing's settings
   */
  public Tracing getTracing() {
    return tracing;
  }

  /**
   * @return the dashboard's settings
   */
  public Dashboard getDashboard() {
    return dashboard;
  }

  /** {@code dbq.worker.*}: the worker that runs in the application's lifecycle. */
  public static class Worker {
    /**
     * Whether this application runs a worker: it starts with the application context and stops
     * gracefully when the context closes. Turn off on web-only nodes and in tests that enqueue
     * only.
     */
    private boolean enabled = true;

    /** The queues the worker serves. */
    private List<String> queues = new ArrayList<>(List.of("default"));

    /** How many steps run at once (1 to 1000); each may hold a connection of the pool. */
    private int concurrency = 1;

    /**
     * How many jobs are claimed ahead of the idle slots (0 to 1000). Unset, the worker claims ahead
     * only what its slots will start within the next 10 milliseconds at their recent pace.
     */
    private Integer prefetch;

    /**
     * How long a claim lasts without a heartbeat (1s to 1d); a dead worker's jobs run again then.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration lease = Duration.ofSeconds(60);

    /** The minimum time between two job starts of this worker; 0 for none. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration rateLimit = Duration.ofSeconds(0);

    /**
     * How long running steps may take to finish once the context closes; steps still running then
     * go back to READY for another worker.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration shutdownGrace = Duration.ofSeconds(30);

    /** How often an idle worker looks for jobs when no notification wakes it. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration pollInterval = Duration.ofSeconds(2);

    /**
     * @return whether the worker runs
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * @param enabled whether the worker runs
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * @return the queues served
     */
    public List<String> getQueues() {
      return queues;
    }

    /**
     * @param queues the queues served
     */
    public void setQueues(List<String> queues) {
      this.queues = queues;
    }

    /**
     * @return the slots
     */
    public int getConcurrency() {
      return concurrency;
    }

    /**
     * @param concurrency the slots
     */
    public void setConcurrency(int concurrency) {
      this.concurrency = concurrency;
    }

    /**
     * @return the fixed prefetch, or null for the adaptive one
     */
    public Integer getPrefetch() {
      return prefetch;
    }

    /**
     * @param prefetch the fixed prefetch, or null for the adaptive one
     */
    public void setPrefetch(Integer prefetch) {
      this.prefetch = prefetch;
    }

    /**
     * @return the lease
     */
    public Duration getLease() {
      return lease;
    }

    /**
     * @param lease the lease
     */
    public void setLease(Duration lease) {
      this.lease = lease;
    }

    /**
     * @return the minimum gap between job starts
     */
    public Duration getRateLimit() {
      return rateLimit;
    }

    /**
     * @param rateLimit the minimum gap between job starts
     */
    public void setRateLimit(Duration rateLimit) {
      this.rateLimit = rateLimit;
    }

    /**
     * @return the shutdown grace period
     */
    public Duration getShutdownGrace() {
      return shutdownGrace;
    }

    /**
     * @param shutdownGrace the shutdown grace period
     */
    public void setShutdownGrace(Duration shutdownGrace) {
      this.shutdownGrace = shutdownGrace;
    }

    /**
     * @return the poll interval
     */
    public Duration getPollInterval() {
      return pollInterval;
    }

    /**
     * @param pollInterval the poll interval
     */
    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
    }
  }

  /** {@code dbq.actuator.*}: the health indicator and the {@code dbq} endpoint. */
  public static class Actuator {
    private final Health health = new Health();

    private final WriteOperations writeOperations = new WriteOperations();

    /**
     * @return the health indicator's settings
     */
    public Health getHealth() {
      return health;
    }

    /**
     * @return the endpoint's write operations' settings
     */
    public WriteOperations getWriteOperations() {
      return writeOperations;
    }
  }

  /** {@code dbq.actuator.health.*}. */
  public static class Health {
    /**
     * Reports DOWN when a queue's oldest runnable job has waited longer than this (paused queues
     * included). Unset, the age is shown but never judged.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration oldestWaitingThreshold;

    /**
     * @return the threshold, or null for none
     */
    public Duration getOldestWaitingThreshold() {
      return oldestWaitingThreshold;
    }

    /**
     * @param oldestWaitingThreshold the threshold, or null for none
     */
    public void setOldestWaitingThreshold(Duration oldestWaitingThreshold) {
      this.oldestWaitingThreshold = oldestWaitingThreshold;
    }
  }

  /** {@code dbq.actuator.write-operations.*}. */
  public static class WriteOperations {
    /**
     * Whether the dbq endpoint accepts write operations (pause and resume a queue, retry failed
     * jobs). Off unless turned on: they change the jobs of every process on the database.
     */
    private boolean enabled = false;

    /**
     * @return whether write operations are accepted
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * @param enabled whether write operations are accepted
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** {@code dbq.tracing.*}: dbq's OpenTelemetry spans ({@code dbq-opentelemetry}). */
  public static class Tracing {
    /**
     * Whether dbq traces its enqueues (send spans) and the worker's steps (process spans) when the
     * application has dbq-opentelemetry and an OpenTelemetry bean.
     */
    private boolean enabled = true;

    /**
     * @return whether dbq's spans are made
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * @param enabled whether dbq's spans are made
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /**
   * {@code dbq.dashboard.*}: dbq's web dashboard ({@code dbq-dashboard}) on the application's
   * server.
   */
  public static class Dashboard {
    /**
     * Whether a servlet web application with dbq-dashboard on its class path serves the dashboard
     * under dbq.dashboard.path, behind the application's own security.
     */
    private boolean enabled = true;

    /**
     * The path the dashboard is served under, below the servlet context path: it answers at {path}/
     * and {path}/api/... . A path such as /dbq or /ops/dbq: a leading slash, no wildcard, not the
     * root.
     */
    private String path = "/dbq";

    /**
     * Whether the dashboard's actions (retry, cancel, delete, run now, pause, resume, limit) may
     * run at all; each is then asked of the application's DashboardAuthorizer bean, if it has one.
     * Off unless turned on: the dashboard is read-only.
     */
    private boolean allowWrites = false;

    /**
     * @return whether the dashboard is served
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * @param enabled whether the dashboard is served
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * @return the path it is served under
     */
    public String getPath() {
      return path;
    }

    /**
     * @param path the path it is served under
     */
    public void setPath(String path) {
      this.path = path;
    }

    /**
     * @return whether actions may run
     */
    public boolean isAllowWrites() {
      return allowWrites;
    }

    /**
     * @param allowWrites whether actions may run
     */
    public void setAllowWrites(boolean allowWrites) {
      this.allowWrites = allowWrites;
    }
  }
}
