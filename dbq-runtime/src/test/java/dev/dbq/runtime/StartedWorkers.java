package dev.dbq.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The workers a test started on its {@link WorkerDatabase}, closed after each test: registered as
 * {@code @RegisterExtension final StartedWorkers workers = new StartedWorkers(db);}. JUnit runs the
 * test's own {@code @AfterEach} methods first, so a test that holds its steps on a latch releases
 * it there and the close does not wait out the grace period.
 */
final class StartedWorkers implements AfterEachCallback {
  private final WorkerDatabase db;
  private final List<DbqWorker> started = new CopyOnWriteArrayList<>();

  StartedWorkers(WorkerDatabase db) {
    this.db = db;
  }

  /** A builder on the test database that runs these jobs and no catalog of the class path. */
  DbqWorker.Builder builder(JobDefinition... jobs) {
    return DbqWorker.builder().dbq(db.dbq()).catalog(JobCatalog.of(jobs));
  }

  /** Starts the worker; it is closed after the test. */
  DbqWorker started(DbqWorker worker) {
    started.add(worker);
    worker.start();
    return worker;
  }

  /** Builds and starts the worker; it is closed after the test. */
  DbqWorker started(DbqWorker.Builder builder) {
    return started(builder.build());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    started.forEach(DbqWorker::close);
    started.clear();
  }
}
