package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.RecurringSchedule;
import dev.dbq.runtime.internal.RuntimeLoggers;
import dev.dbq.runtime.internal.store.ScheduleStore;
import dev.dbq.runtime.internal.store.ScheduleStore.Firing;
import dev.dbq.runtime.internal.store.ScheduleStore.Registered;
import dev.dbq.runtime.internal.store.ScheduleStore.Registration;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;

/**
 * Fires the catalog's {@code @Recurring} schedules: every worker runs one, with no leader. Each
 * tick registers the schedules and reads, on the database clock, the latest fire time any worker
 * recorded; every fire time since then that is due fires through {@link ScheduleStore#fire}, whose
 * primary key makes each fire time fire exactly once however many workers try.
 *
 * <p>Missed fire times: a fire time at most {@link #ON_TIME_GRACE} late (a busy or restarting
 * worker) still fires; older ones fire only within the schedule's backfill window. A new schedule
 * starts at its registration, never earlier. A tick runs at least every {@link #LONGEST_SLEEP}, so
 * a seconds-resolution schedule fires within about a second of its time.
 */
public final class ScheduleFiring {
  private static final Logger log = RuntimeLoggers.of(ScheduleFiring.class);

  /** How late a fire time may be and still fire without a backfill window. */
  public static final Duration ON_TIME_GRACE = Duration.ofSeconds(10);

  /** The longest wait between two ticks. */
  static final Duration LONGEST_SLEEP = Duration.ofSeconds(1);

  /** At most this many fire times per schedule and tick (a long backfill spreads over ticks). */
  private static final int MAX_FIRES_PER_TICK = 1000;

  private record Scheduled(JobDefinition job, RecurringSchedule schedule, String key) {}

  private final ScheduleStore store;
  private final List<Scheduled> schedules = new ArrayList<>();
  private final String threadName;
  private volatile boolean stopped;
  private Thread thread;
  private boolean failing;

  /**
   * @param dataSource the pool
   * @param jobs the catalog's jobs; those with schedules are fired
   * @param threadName the name of the firing thread
   */
  public ScheduleFiring(DataSource dataSource, List<JobDefinition> jobs, String threadName) {
    this.store = new ScheduleStore(dataSource);
    this.threadName = threadName;
    for (JobDefinition job : jobs) {
      for (RecurringSchedule schedule : job.schedules()) {
        schedules.add(new Scheduled(job, schedule, schedule.key(job.name())));
      }
    }
  }

  /** Starts firing in a thread of its own; does nothing when the catalog has no schedule. */
  public synchronized void start() {
    if (schedules.isEmpty() || thread != null) {
      return;
    }
    thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops firing; a fire time being fired completes or rolls back, never half. */
  public synchronized void stop() {
    stopped = true;
    if (thread != null) {
      thread.interrupt();
    }
  }

  private void run() {
    while (!stopped) {
      Duration wait = LONGEST_SLEEP;
      try {
        wait = tick();
        if (failing) {
          log.info("schedules fire again");
          failing = false;
        }
      } catch (SQLException e) {
        if (!failing) {
          log.warn("cannot fire schedules, retrying: {}", e.getMessage());
          failing = true;
        }
      } catch (RuntimeException e) {
        log.error("firing schedules failed, retrying", e);
      }
      try {
        Thread.sleep(Math.max(10, wait.toMillis()));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Fires every due fire time once: one pass of the firing thread (tests call it directly).
   *
   * @return how long to wait before the next tick
   * @throws SQLException when the database fails
   */
  public Duration tick() throws SQLException {
    List<Registered> registered =
        store.register(
            schedules.stream()
                .map(
                    s ->
                        new Registration(
                            s.key(),
                            s.job().name(),
                            s.schedule().cronText(),
                            s.schedule().zoneId().getId()))
                .toList());
    Map<String, Registered> byKey =
        registered.stream().collect(Collectors.toMap(Registered::key, Function.identity()));
    Duration wait = LONGEST_SLEEP;
    for (Scheduled s : schedules) {
      Registered state = byKey.get(s.key());
      if (state == null || stopped) {
        continue;
      }
      Instant now = state.now();
      fireDue(s, state, now);
      Optional<Instant> next = s.schedule().nextAfter(now);
      if (next.isPresent()) {
        Duration until = Duration.between(now, next.get());
        if (until.compareTo(wait) < 0) {
          wait = until;
        }
      }
    }
    return wait;
  }

  private void fireDue(Scheduled s, Registered state, Instant now) throws SQLException {
    Instant from = state.lastFire() != null ? state.lastFire() : state.created();
    Duration window = s.schedule().backfillWindow();
    Instant floor = now.minus(window.compareTo(ON_TIME_GRACE) > 0 ? window : ON_TIME_GRACE);
    if (from.isBefore(floor)) {
      // fire times before the window were missed for good; the first after it may still fire
      from = floor.minusNanos(1);
    }
    Optional<Instant> due = s.schedule().nextAfter(from);
    for (int fired = 0;
        due.isPresent() && !due.get().isAfter(now) && fired < MAX_FIRES_PER_TICK && !stopped;
        fired++) {
      Instant fireTime = due.get();
      Optional<java.util.UUID> job =
          store.fire(
              new Firing(
                  s.key(),
                  fireTime,
                  s.schedule().skipsOverlap(),
                  s.job().name(),
                  s.job().queue(),
                  s.job().priority(),
                  s.schedule().workspaceJson()));
      if (job.isPresent()) {
        log.debug("schedule '{}' fired {} as job {}", s.key(), fireTime, job.get());
      }
      due = s.schedule().nextAfter(fireTime);
    }
  }
}
