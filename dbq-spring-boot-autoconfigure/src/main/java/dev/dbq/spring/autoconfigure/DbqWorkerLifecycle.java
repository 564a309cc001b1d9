package dev.dbq.spring.autoconfigure;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqListener;
import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.InstanceFactory;
import dev.dbq.runtime.JobCatalog;
import java.util.List;
import java.util.Optional;
import org.springframework.context.SmartLifecycle;

/**
 * The dbq worker as part of the application's lifecycle: built and started when the context has
 * started (after every singleton, the web server included), stopped gracefully when it closes,
 * before any bean is destroyed, so the DataSource outlives the worker. {@link #stop()} returns once
 * running steps have finished within {@code dbq.worker.shutdown-grace} and any still running were
 * handed back as READY.
 *
 * <p>Its settings are checked when it is created, so a bad {@code dbq.worker.*} value fails the
 * start-up with the runtime's message naming it, before anything runs.
 */
public final class DbqWorkerLifecycle implements SmartLifecycle {
  private final DbqWorker.Builder builder;
  private volatile DbqWorker worker;

  DbqWorkerLifecycle(
      Dbq dbq,
      JobCatalog catalog,
      InstanceFactory instances,
      List<DbqListener> listeners,
      DbqProperties.Worker settings) {
    DbqWorker.Builder b =
        DbqWorker.builder()
            .dbq(dbq)
            .catalog(catalog)
            .instanceFactory(instances)
            .queues(settings.getQueues().toArray(String[]::new))
            .concurrency(settings.getConcurrency())
            .lease(settings.getLease())
            .rateLimit(settings.getRateLimit())
            .shutdownGrace(settings.getShutdownGrace())
            .pollInterval(settings.getPollInterval());
    if (settings.getPrefetch() != null) {
      b.prefetch(settings.getPrefetch());
    }
    listeners.forEach(b::listener);
    this.builder = b;
    // checks every setting now: a bad one fails the context's refresh, not its start
    b.build();
  }

  /**
   * The running worker, for the actuator endpoint.
   *
   * @return the worker, or empty before the start and after the stop
   */
  public Optional<DbqWorker> worker() {
    return Optional.ofNullable(worker);
  }

  /** Builds the worker and starts it claiming. */
  @Override
  public synchronized void start() {
    if (worker == null) {
      DbqWorker started = builder.build();
      started.start();
      worker = started;
    }
  }

  /** Stops claiming and waits for the running steps, within the shutdown grace period. */
  @Override
  public synchronized void stop() {
    DbqWorker running = worker;
    if (running != null) {
      running.close();
      worker = null;
    }
  }

  /**
   * @return whether the worker is running (false once it stopped by itself on a fault that waiting
   *     cannot mend, which it logged)
   */
  @Override
  public boolean isRunning() {
    DbqWorker running = worker;
    return running != null && running.isRunning();
  }

  /**
   * The last phase: started after everything else, stopped first.
   *
   * @return {@link SmartLifecycle#DEFAULT_PHASE}
   */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }
}
