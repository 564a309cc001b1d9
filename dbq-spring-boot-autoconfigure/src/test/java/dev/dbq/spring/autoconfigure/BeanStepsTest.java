package dev.dbq.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.JobState;
import dev.dbq.spring.autoconfigure.jobs.Gate;
import dev.dbq.spring.autoconfigure.jobs.Greetings;
import dev.dbq.spring.autoconfigure.jobs.Jobs;
import dev.dbq.spring.autoconfigure.jobs.SlowJob;
import dev.dbq.testsupport.Await;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code @Job} class that is a {@code @Component} with a constructor-injected bean: the worker in
 * the context's lifecycle runs its steps on the bean, and its creation hook runs on it at enqueue;
 * closing the context stops the worker gracefully, a running step finishing first.
 */
class BeanStepsTest {
  @RegisterExtension static final TestDatabases databases = new TestDatabases();

  @Test
  void theWorkerRunsTheStepsOfTheBeanWithItsInjectedDependency() throws Exception {
    DbqWorkerLifecycle[] worker = new DbqWorkerLifecycle[1];
    Runners.onDatabase(databases.create())
        .withPropertyValues("dbq.worker.enabled=true", "dbq.worker.poll-interval=1")
        .run(
            context -> {
              worker[0] = context.getBean(DbqWorkerLifecycle.class);
              assertThat(worker[0].isRunning()).isTrue();
              Greetings greetings = context.getBean(Greetings.class);

              UUID id = Jobs.greet().enqueue();

              Dbq dbq = context.getBean(Dbq.class);
              Await.until(
                  "the job to complete",
                  () -> dbq.findJob(id).orElseThrow().state() == JobState.COMPLETE,
                  Duration.ofSeconds(30));
              assertThat(greetings.said())
                  .containsExactly("created " + id, "compose hello from a bean", "send " + id);
              assertThat(worker[0].worker().orElseThrow().queues()).containsExactly("greetings");
            });
    assertThat(worker[0].isRunning()).as("stopped with the context").isFalse();
  }

  @Test
  void closingTheContextLetsTheRunningStepFinishAndSaveBeforeTheDataSourceCloses()
      throws Exception {
    String url = databases.create();
    Gate gate = new Gate();
    UUID[] id = new UUID[1];
    ExecutorService opener = Executors.newSingleThreadExecutor();
    Future<?> opened;
    try {
      CompletableFuture<Void> started = new CompletableFuture<>();
      opened =
          opener.submit(
              () -> {
                started.join();
                // the context's close marks the running job STOPPING; only then may it finish
                Await.until(
                    "the closing worker to mark the job STOPPING",
                    () -> "STOPPING".equals(state(url, id[0])),
                    Duration.ofSeconds(30));
                gate.open();
                return null;
              });
      Runners.onDatabase(url)
          .withBean(Gate.class, () -> gate)
          .withBean(SlowJob.class)
          .withPropertyValues(
              "dbq.worker.enabled=true", "dbq.worker.queues=slow", "dbq.worker.shutdown-grace=60")
          .run(
              context -> {
                id[0] = Jobs.slow().enqueue();
                Await.until("the step to start", gate::entered, Duration.ofSeconds(30));
                started.complete(null);
              }); // closes the context: returns once the worker has stopped
      opened.get(1, TimeUnit.MINUTES);
    } finally {
      opener.shutdownNow();
    }
    assertThat(state(url, id[0])).as("the step's result was saved").isEqualTo("COMPLETE");
  }

  private static String state(String url, UUID id) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT state FROM dbq_job WHERE id = '" + id + "'")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
