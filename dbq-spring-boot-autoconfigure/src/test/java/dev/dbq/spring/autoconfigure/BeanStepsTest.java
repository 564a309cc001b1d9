package dev.dbq.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.JobState;
import dev.dbq.spring.autoconfigure.jobs.Greetings;
import dev.dbq.spring.autoconfigure.jobs.Jobs;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code @Job} class that is a {@code @Component} with a constructor-injected bean: the worker in
 * the context's lifecycle runs its steps on the bean, and its creation hook runs on it at enqueue;
 * closing the context stops the worker.
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
}
