package dev.dbq.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The same workloads as {@link BenchJobs} on db-scheduler: a no-op one-time task, and a task that
 * reschedules itself twice (three executions) as the nearest thing to a three-step job.
 */
final class SchedulerTasks {
  static final OneTimeTask<Void> NOOP =
      Tasks.oneTime("bench_noop")
          .execute(
              (instance, context) -> {
                SchedulerTasks.started(instance.getId());
                BenchJobs.STEPS.incrementAndGet();
              });

  static final CustomTask<Integer> THREE_STEPS =
      Tasks.custom("bench_three_steps", Integer.class)
          .execute(
              (instance, context) -> {
                BenchJobs.STEPS.incrementAndGet();
                int step = instance.getData() == null ? 0 : instance.getData();
                return (complete, operations) -> {
                  if (step < 2) {
                    operations.reschedule(complete, Instant.now(), step + 1);
                  } else {
                    operations.remove();
                  }
                };
              });

  /** Called with the instance id at the start of every no-op execution (latency workload). */
  static volatile java.util.function.Consumer<String> onStart = id -> {};

  private SchedulerTasks() {}

  private static void started(String id) {
    onStart.accept(id);
  }

  /**
   * db-scheduler at its best for a queue: lock-and-fetch polling with the given threads.
   *
   * @param pollingInterval how often it polls when idle
   */
  static Scheduler scheduler(DataSource ds, int threads, Duration pollingInterval) {
    return scheduler(ds, threads, pollingInterval, "scheduled_tasks");
  }

  static Scheduler scheduler(DataSource ds, int threads, Duration pollingInterval, String table) {
    return Scheduler.create(ds, NOOP, THREE_STEPS)
        .tableName(table)
        .threads(threads)
        .pollUsingLockAndFetch(0.5, 1.0)
        .pollingInterval(pollingInterval)
        .shutdownMaxWait(Duration.ofSeconds(1))
        .build();
  }
}
