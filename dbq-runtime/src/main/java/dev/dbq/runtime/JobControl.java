package dev.dbq.runtime;

import dev.dbq.runtime.internal.Deadlocks;
import dev.dbq.runtime.internal.store.JobActions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * An operator's actions on stored jobs: retry, cancel, delete, run now; reached through {@link
 * Dbq#control()}. Each takes jobs by id or all jobs that match a {@link JobFilter}, and is one
 * statement that names the states it takes: a job in another state, or one that moved on while the
 * statement ran (a worker saved it, another operator acted first), is left alone and reported in
 * the {@link JobActionResult}, never overwritten. Two operators acting on the same jobs at once
 * change each job once.
 *
 * <p>A filter whose states include one the action does not take is refused before anything is
 * written ({@code retry} of COMPLETE jobs is a mistake, not a no-op).
 */
public final class JobControl {
  private static final Set<JobState> RETRYABLE = EnumSet.of(JobState.FAILED, JobState.CANCELLED);
  private static final Set<JobState> CANCELLABLE =
      EnumSet.of(JobState.NEW, JobState.READY, JobState.PROCESSING, JobState.STOPPING);
  private static final Set<JobState> DELETABLE =
      EnumSet.complementOf(EnumSet.of(JobState.PROCESSING, JobState.STOPPING));
  private static final Set<JobState> SCHEDULABLE = EnumSet.of(JobState.NEW, JobState.READY);

  /** One action's statement. */
  @FunctionalInterface
  private interface Statement<T> {
    T run(Connection c, JobActions.Selection selection) throws SQLException;
  }

  private final Databases databases;
  private final JobCatalog catalog;

  JobControl(Databases databases, JobCatalog catalog) {
    this.databases = databases;
    this.catalog = catalog;
  }

  /**
   * The same actions, checking a retry's step against the step counts of the catalog's jobs.
   * Without a catalog a retry from a step a job does not have fails the job when a worker claims
   * it.
   *
   * @param jobs the catalog that knows the jobs' steps
   * @return a control that checks against {@code jobs}
   */
  public JobControl withCatalog(JobCatalog jobs) {
    return new JobControl(databases, Objects.requireNonNull(jobs, "jobs"));
  }

  /**
   * Puts FAILED and CANCELLED jobs back to READY at the step they stopped at, their attempts reset,
   * runnable now.
   *
   * @param ids the jobs
   * @return the jobs retried and those left alone (not FAILED or CANCELLED)
   * @throws DbqException when the database fails
   */
  public JobActionResult retry(Collection<UUID> ids) {
    return retryFrom(byIds(ids), null);
  }

  /**
   * Puts FAILED and CANCELLED jobs back to READY at the given step, their attempts reset, runnable
   * now. The step's work so far is whatever the workspace holds: steps should be idempotent.
   *
   * @param ids the jobs
   * @param fromStep the index of the step to run next, 0 for the first (as {@link
   *     JobContext#stepIndex()})
   * @return the jobs retried and those left alone (not FAILED or CANCELLED)
   * @throws IllegalArgumentException when {@code fromStep} is negative, or (with a catalog) not a
   *     step of one of the jobs; nothing is then written
   * @throws DbqException when the database fails
   */
  public JobActionResult retry(Collection<UUID> ids, int fromStep) {
    return retryFrom(byIds(ids), fromStep);
  }

  /**
   * Retries every FAILED and CANCELLED job the filter matches, at the step it stopped at.
   *
   * @param filter the jobs; its states, when set, must be FAILED or CANCELLED
   * @return the jobs retried
   * @throws IllegalArgumentException when the filter names another state
   * @throws DbqException when the database fails
   */
  public JobActionResult retry(JobFilter filter) {
    return retryFrom(byFilter("retry", filter, RETRYABLE), null);
  }

  /**
   * Retries every FAILED and CANCELLED job the filter matches, at the given step.
   *
   * @param filter the jobs; its states, when set, must be FAILED or CANCELLED
   * @param fromStep the index of the step to run next, 0 for the first
   * @return the jobs retried
   * @throws IllegalArgumentException when the filter names another state, when {@code fromStep} is
   *     negative, or (with a catalog) not a step of one of the jobs; nothing is then written
   * @throws DbqException when the database fails
   */
  public JobActionResult retry(JobFilter filter, int fromStep) {
    return retryFrom(byFilter("retry", filter, RETRYABLE), fromStep);
  }

  /**
   * Cancels jobs: NEW and READY ones become CANCELLED at once; a PROCESSING (or STOPPING) one is
   * asked to stop: its step sees {@link JobContext#isCancelRequested()}, its worker interrupts the
   * step after its grace period, and the job ends CANCELLED (its failure hook not run, its
   * post-step hook run). A running step that finishes the job's last step first leaves it COMPLETE.
   *
   * @param ids the jobs
   * @return the jobs cancelled or asked to stop, and those left alone (finished, or asked already)
   * @throws DbqException when the database fails
   */
  public JobActionResult cancel(Collection<UUID> ids) {
    return cancel(byIds(ids));
  }

  /**
   * Cancels every NEW, READY, PROCESSING and STOPPING job the filter matches, as {@link
   * #cancel(Collection)}.
   *
   * @param filter the jobs; its states, when set, must be NEW, READY, PROCESSING or STOPPING
   * @return the jobs cancelled or asked to stop
   * @throws IllegalArgumentException when the filter names another state
   * @throws DbqException when the database fails
   */
  public JobActionResult cancel(JobFilter filter) {
    return cancel(byFilter("cancel", filter, CANCELLABLE));
  }

  /**
   * Deletes jobs, with their history, in any state but PROCESSING and STOPPING (a worker holds
   * those: cancel them first).
   *
   * @param ids the jobs
   * @return the jobs deleted, and those left alone (held by a worker)
   * @throws DbqException when the database fails
   */
  public JobActionResult delete(Collection<UUID> ids) {
    JobActions.Selection selection = byIds(ids);
    return act(selection, "delete", (c, s) -> JobActions.delete(c, s));
  }

  /**
   * Deletes every job the filter matches that no worker holds.
   *
   * @param filter the jobs; its states, when set, must not be PROCESSING or STOPPING
   * @return the jobs deleted
   * @throws IllegalArgumentException when the filter names PROCESSING or STOPPING
   * @throws DbqException when the database fails
   */
  public JobActionResult delete(JobFilter filter) {
    JobActions.Selection selection = byFilter("delete", filter, DELETABLE);
    return act(selection, "delete", (c, s) -> JobActions.delete(c, s));
  }

  /**
   * Makes scheduled jobs runnable now: a NEW or READY job whose {@code run_after} is in the future
   * (a delayed job, or a retry waiting out its backoff) has it cleared, and workers are woken.
   *
   * @param ids the jobs
   * @return the jobs made runnable, and those left alone (not waiting, or not scheduled)
   * @throws DbqException when the database fails
   */
  public JobActionResult runNow(Collection<UUID> ids) {
    JobActions.Selection selection = byIds(ids);
    return act(selection, "run now", (c, s) -> JobActions.runNow(c, s));
  }

  /**
   * Makes every scheduled NEW or READY job the filter matches runnable now.
   *
   * @param filter the jobs; its states, when set, must be NEW or READY
   * @return the jobs made runnable
   * @throws IllegalArgumentException when the filter names another state
   * @throws DbqException when the database fails
   */
  public JobActionResult runNow(JobFilter filter) {
    JobActions.Selection selection = byFilter("run-now", filter, SCHEDULABLE);
    return act(selection, "run now", (c, s) -> JobActions.runNow(c, s));
  }

  private JobActionResult retryFrom(JobActions.Selection selection, Integer fromStep) {
    if (fromStep != null && fromStep < 0) {
      throw new IllegalArgumentException(
          "the step to retry from must be a step index, 0 for the first, was " + fromStep);
    }
    return act(
        selection,
        "retry",
        (c, s) -> {
          if (fromStep != null && catalog != null) {
            checkStep(JobActions.retryNames(c, s), fromStep);
          }
          return JobActions.retry(c, s, fromStep);
        });
  }

  private void checkStep(List<String> names, int fromStep) {
    for (String name : names) {
      catalog
          .job(name)
          .ifPresent(
              job -> {
                int count = job.steps().size();
                if (fromStep >= count) {
                  String indexes =
                      count == 1
                          ? "1 step (index 0)"
                          : count + " steps (indexes 0 to " + (count - 1) + ")";
                  throw new IllegalArgumentException(
                      "job '"
                          + name
                          + "' has "
                          + indexes
                          + "; it cannot be retried from step index "
                          + fromStep);
                }
              });
    }
  }

  private JobActionResult cancel(JobActions.Selection selection) {
    List<UUID> stopRequested = new ArrayList<>();
    JobActionResult result =
        act(
            selection,
            "cancel",
            (c, s) -> {
              List<UUID> changed = new ArrayList<>();
              for (JobActions.Cancelled job : JobActions.cancel(c, s)) {
                changed.add(job.id());
                if (job.state() != JobState.CANCELLED) {
                  stopRequested.add(job.id());
                }
              }
              return changed;
            });
    return new JobActionResult(
        result.changed(), stopRequested, result.leftAlone(), result.notFound());
  }

  /**
   * Runs the action on the databases it concerns: the one of the filter's queue, or each in turn
   * (ids not found in one are looked for in the next; an id is in one database at most).
   */
  private JobActionResult act(
      JobActions.Selection selection, String what, Statement<List<UUID>> action) {
    if (selection.ids() != null && selection.ids().isEmpty()) {
      return new JobActionResult(List.of(), List.of(), Map.of(), List.of());
    }
    if (selection.ids() == null && selection.queue() != null) {
      return act(databases.forQueue(selection.queue()), selection, what, action);
    }
    if (!databases.isRouted()) {
      return act(databases.all().get(0), selection, what, action);
    }
    List<JobActionResult> each = new ArrayList<>();
    JobActions.Selection remaining = selection;
    for (DataSource database : databases.all()) {
      JobActionResult result = act(database, remaining, what, action);
      each.add(result);
      if (remaining.ids() != null) {
        if (result.notFound().isEmpty()) {
          break;
        }
        remaining = new JobActions.Selection(result.notFound(), null, null, null);
      }
    }
    List<UUID> notFound =
        remaining.ids() == null ? List.of() : each.get(each.size() - 1).notFound();
    return RoutedReads.mergeActions(each, notFound);
  }

  /** Runs the action on one database; with ids, reads the states of those it left alone. */
  private static JobActionResult act(
      DataSource dataSource,
      JobActions.Selection selection,
      String what,
      Statement<List<UUID>> action) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      List<UUID> changed = runThroughDeadlocks(c, selection, action);
      Map<UUID, JobState> leftAlone = new HashMap<>();
      List<UUID> notFound = new ArrayList<>();
      if (selection.ids() != null) {
        Set<UUID> untouched = new LinkedHashSet<>(selection.ids());
        changed.forEach(untouched::remove);
        if (!untouched.isEmpty()) {
          Map<UUID, JobState> states = JobActions.states(c, List.copyOf(untouched));
          for (UUID id : untouched) {
            JobState state = states.get(id);
            if (state == null) {
              notFound.add(id);
            } else {
              leftAlone.put(id, state);
            }
          }
        }
      }
      return new JobActionResult(changed, List.of(), leftAlone, notFound);
    } catch (SQLException e) {
      throw new DbqException("cannot " + what + " jobs: " + e.getMessage(), e);
    }
  }

  /**
   * Runs the action, again when PostgreSQL ended it to break a deadlock: its statements lock many
   * jobs in the order their plan reads them, and a worker's batched save locks its own in another.
   * Each statement commits alone, so a victim wrote nothing and running it again is safe.
   */
  private static List<UUID> runThroughDeadlocks(
      Connection c, JobActions.Selection selection, Statement<List<UUID>> action)
      throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        return action.run(c, selection);
      } catch (SQLException e) {
        if (attempt >= Deadlocks.MAX_ATTEMPTS || !Deadlocks.isVictim(e)) {
          throw e;
        }
      }
    }
  }

  private static JobActions.Selection byIds(Collection<UUID> ids) {
    Objects.requireNonNull(ids, "ids");
    List<UUID> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
    distinct.forEach(id -> Objects.requireNonNull(id, "an id is null"));
    return new JobActions.Selection(List.copyOf(distinct), null, null, null);
  }

  private static JobActions.Selection byFilter(
      String action, JobFilter filter, Set<JobState> takes) {
    Objects.requireNonNull(filter, "filter");
    Set<JobState> other = EnumSet.noneOf(JobState.class);
    other.addAll(filter.states());
    other.removeAll(takes);
    if (!other.isEmpty()) {
      throw new IllegalArgumentException(
          action
              + " takes "
              + names(takes)
              + " jobs; "
              + names(other)
              + (other.size() == 1 ? " is not one" : " are not"));
    }
    return new JobActions.Selection(
        null, filter.states().isEmpty() ? null : filter.states(), filter.queue(), filter.name());
  }

  private static String names(Set<JobState> states) {
    List<String> names = states.stream().map(Enum::name).collect(Collectors.toList());
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " or "
        + names.get(names.size() - 1);
  }
}
