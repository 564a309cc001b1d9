package dev.dbq.runtime.internal.store;

import dev.dbq.runtime.JobState;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states as dbq_job's partial indexes cut them: a listing of one group can read that group's
 * index, a listing of states from two groups can read neither. PostgreSQL uses a partial index only
 * when the query's own conditions imply its predicate, so the listing asks for one group at a time
 * (its states written in as constants) and merges the answers; the groups are disjoint, so their
 * pages merge and their counts add up without overlap.
 */
enum StateGroup {
  /** NEW and READY: {@code dbq_job_claim_idx (queue_name, priority DESC, seq)}. */
  WAITING(EnumSet.of(JobState.NEW, JobState.READY)),
  /** PROCESSING and STOPPING: {@code dbq_job_lease_idx (lease_expires)}. */
  RUNNING(EnumSet.of(JobState.PROCESSING, JobState.STOPPING)),
  /**
   * COMPLETE, FAILED and CANCELLED: the listing indexes of migration V7 ({@code
   * dbq_job_listing_idx}, {@code dbq_job_state_queue_idx}, {@code dbq_job_workspace_idx}).
   */
  FINISHED(EnumSet.of(JobState.COMPLETE, JobState.FAILED, JobState.CANCELLED));

  private final Set<JobState> states;

  StateGroup(EnumSet<JobState> states) {
    this.states = states;
  }

  /**
   * The given states cut by group, each group with the states asked of it, in the order of the
   * groups; only groups asked for are present.
   *
   * @param states the states asked for; empty asks for every state
   */
  static Map<StateGroup, EnumSet<JobState>> split(Set<JobState> states) {
    Map<StateGroup, EnumSet<JobState>> split = new EnumMap<>(StateGroup.class);
    for (StateGroup group : values()) {
      EnumSet<JobState> asked = EnumSet.noneOf(JobState.class);
      for (JobState state : group.states) {
        if (states.isEmpty() || states.contains(state)) {
          asked.add(state);
        }
      }
      if (!asked.isEmpty()) {
        split.put(group, asked);
      }
    }
    return split;
  }

  /** The state names as the statements take them in {@code :states}. */
  static String[] names(Set<JobState> states) {
    return states.stream().map(JobState::name).toArray(String[]::new);
  }
}
