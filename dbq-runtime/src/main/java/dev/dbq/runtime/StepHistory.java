package dev.dbq.runtime;

import java.util.List;

/**
 * The runs of one step of a job, oldest first: {@link JobInfo#steps()} groups the job's {@link
 * JobInfo#history() history} by step.
 *
 * @param index the step's index in its job, from 0
 * @param name the step's name as its runs recorded it, or null when none knew it
 * @param runs the step's runs, oldest first; never empty
 */
public record StepHistory(int index, String name, List<StepRun> runs) {
  /**
   * Copies the runs, so that the record cannot change.
   *
   * @param index the step's index in its job, from 0
   * @param name the step's name as its runs recorded it, or null when none knew it
   * @param runs the step's runs, oldest first; never empty
   */
  public StepHistory {
    runs = List.copyOf(runs);
  }

  /**
   * The step's latest run.
   *
   * @return the last of {@link #runs()}
   */
  public StepRun lastRun() {
    return runs.get(runs.size() - 1);
  }
}
