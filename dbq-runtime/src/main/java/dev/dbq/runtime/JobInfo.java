package dev.dbq.runtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A stored job as {@link Dbq#findJob(UUID)} and the pages of {@link Dbq#jobs()} read it: its row
 * and its history, every run of its steps.
 *
 * <p>The history is a component of its own, last, so that a {@code JobInfo} is one snapshot: the
 * row and the history are read in one transaction, and since every history row is written with the
 * job's change that it records, the two never disagree (a step's runs end where the row's {@link
 * #attempt()} and {@link #lastError()} say). The constructor without it, which earlier versions
 * had, remains for code compiled against them and gives an empty history.
 *
 * @param id the job's id
 * @param name the job's name
 * @param queue the queue it waits in
 * @param priority its priority
 * @param state its state
 * @param nextStep the index of the step to run next (equal to the step count once complete)
 * @param workspace the workspace as JSON text
 * @param created when it was enqueued
 * @param modified when it last changed
 * @param runAfter the earliest time it may run, or null
 * @param attempt attempts made at the current step
 * @param lastError the message of the last failure, or null
 * @param history every run of the job's steps, oldest first (empty before its first run)
 */
public record JobInfo(
    UUID id,
    String name,
    String queue,
    int priority,
    JobState state,
    int nextStep,
    String workspace,
    Instant created,
    Instant modified,
    Instant runAfter,
    int attempt,
    String lastError,
    List<StepRun> history) {

  /**
   * Copies the history, so that the record cannot change; null is taken as none.
   *
   * @param id the job's id
   * @param name the job's name
   * @param queue the queue it waits in
   * @param priority its priority
   * @param state its state
   * @param nextStep the index of the step to run next (equal to the step count once complete)
   * @param workspace the workspace as JSON text
   * @param created when it was enqueued
   * @param modified when it last changed
   * @param runAfter the earliest time it may run, or null
   * @param attempt attempts made at the current step
   * @param lastError the message of the last failure, or null
   * @param history every run of the job's steps, oldest first (empty before its first run)
   */
  public JobInfo {
    history = history == null ? List.of() : List.copyOf(history);
  }

  /**
   * A job without history, the constructor of versions before the history was recorded.
   *
   * @param id the job's id
   * @param name the job's name
   * @param queue the queue it waits in
   * @param priority its priority
   * @param state its state
   * @param nextStep the index of the step to run next
   * @param workspace the workspace as JSON text
   * @param created when it was enqueued
   * @param modified when it last changed
   * @param runAfter the earliest time it may run, or null
   * @param attempt attempts made at the current step
   * @param lastError the message of the last failure, or null
   */
  public JobInfo(
      UUID id,
      String name,
      String queue,
      int priority,
      JobState state,
      int nextStep,
      String workspace,
      Instant created,
      Instant modified,
      Instant runAfter,
      int attempt,
      String lastError) {
    this(
        id, name, queue, priority, state, nextStep, workspace, created, modified, runAfter, attempt,
        lastError, List.of());
  }

  /**
   * The history by step: each step that has run, by index, with its runs oldest first.
   *
   * @return one entry per step index that has at least one run, in index order
   */
  public List<StepHistory> steps() {
    Map<Integer, List<StepRun>> byIndex = new TreeMap<>();
    for (StepRun run : history) {
      byIndex.computeIfAbsent(run.stepIndex(), i -> new ArrayList<>()).add(run);
    }
    List<StepHistory> steps = new ArrayList<>(byIndex.size());
    byIndex.forEach(
        (index, runs) -> {
          String name = null;
          for (StepRun run : runs) {
            name = run.stepName() != null ? run.stepName() : name;
          }
          steps.add(new StepHistory(index, name, runs));
        });
    return List.copyOf(steps);
  }
}
