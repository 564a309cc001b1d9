package dev.dbq.runtime;

import dev.dbq.runtime.internal.TimeLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What makes a job unique: its name, the values of some workspace properties, optionally the period
 * its run time falls in, and the states in which an existing job refuses a duplicate. Generated
 * from {@code @Unique}; hand-written catalogs add one with {@link JobDefinition.Builder#unique}.
 *
 * <pre>{@code
 * Uniqueness.byFields("customerId").period(Duration.ofHours(1))
 * }</pre>
 *
 * <p>While a job with the same key is in a refusing state, an enqueue inserts nothing and returns
 * that job's id ({@link EnqueueResult#duplicate()} is then true). A partial unique index over the
 * key of the jobs in their refusing states enforces it, whatever the number of threads and
 * processes enqueueing. The refusing states always include the waiting and running ones ({@link
 * JobState#NEW}, {@link JobState#READY}, {@link JobState#PROCESSING}, {@link JobState#STOPPING}): a
 * job moves between them on its own, and a duplicate admitted while one of them was left out would
 * collide with it when it moved on.
 *
 * <p>Immutable: each method returns a new value.
 */
public final class Uniqueness {
  /** The states that always refuse a duplicate: waiting and running. */
  public static final Set<JobState> ALWAYS_REFUSING =
      Collections.unmodifiableSet(
          EnumSet.of(JobState.NEW, JobState.READY, JobState.PROCESSING, JobState.STOPPING));

  private final List<String> fields;
  private final Duration period;
  private final Set<JobState> states;

  private Uniqueness(List<String> fields, Duration period, Set<JobState> states) {
    this.fields = fields;
    this.period = period;
    this.states = states;
  }

  /**
   * Unique by the job's name alone: one job of this name in a refusing state at a time.
   *
   * @return the uniqueness, refusing while waiting or running, without a period
   */
  public static Uniqueness byName() {
    return new Uniqueness(List.of(), null, ALWAYS_REFUSING);
  }

  /**
   * Unique by the job's name and the values of these workspace properties.
   *
   * @param fields property names of the workspace's JSON object (for a record, its component
   *     names); their order does not matter
   * @return the uniqueness, refusing while waiting or running, without a period
   * @throws IllegalArgumentException when a name is empty or given twice
   */
  public static Uniqueness byFields(String... fields) {
    Objects.requireNonNull(fields, "fields");
    Set<String> sorted = new TreeSet<>();
    for (String field : fields) {
      if (Objects.requireNonNull(field, "field").isEmpty()) {
        throw new IllegalArgumentException("a unique field name must not be empty");
      }
      if (!sorted.add(field)) {
        throw new IllegalArgumentException("unique field '" + field + "' is given twice");
      }
    }
    return new Uniqueness(List.copyOf(sorted), null, ALWAYS_REFUSING);
  }

  /**
   * Unique per period: jobs whose run times fall in different periods are no duplicates. The
   * periods are counted from the epoch, in UTC ({@code 1h}: on the hour); a job's run time is its
   * {@code runAfter}, or the enqueuing moment (this process's clock) when it has none.
   *
   * @param value the period's length: at least a millisecond, at most 1,000 years
   * @return a copy with that period
   * @throws IllegalArgumentException when under a millisecond, or over 1,000 years
   */
  public Uniqueness period(Duration value) {
    Duration checked =
        TimeLimits.checkSpan("unique period", Objects.requireNonNull(value, "value"));
    if (checked.toMillis() < 1) {
      // periods are counted in milliseconds from the epoch
      throw new IllegalArgumentException("unique period must be at least 1ms, was " + value);
    }
    return new Uniqueness(fields, checked, states);
  }

  /**
   * Sets the refusing states.
   *
   * @param refusing the states in which an existing job refuses a duplicate: at least {@link
   *     #ALWAYS_REFUSING}, optionally with {@link JobState#COMPLETE}, {@link JobState#FAILED} or
   *     {@link JobState#CANCELLED}
   * @return a copy with those states
   * @throws IllegalArgumentException when a waiting or running state is missing
   */
  public Uniqueness refusingIn(Set<JobState> refusing) {
    Set<JobState> copy = EnumSet.noneOf(JobState.class);
    copy.addAll(Objects.requireNonNull(refusing, "refusing"));
    Set<JobState> missing = EnumSet.copyOf(ALWAYS_REFUSING);
    missing.removeAll(copy);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "unique states must include NEW, READY, PROCESSING and STOPPING (a job moves between"
              + " them on its own), missing "
              + missing);
    }
    return new Uniqueness(fields, period, Collections.unmodifiableSet(copy));
  }

  /**
   * @return the workspace properties of the key, sorted; empty when unique by name alone
   */
  public List<String> fields() {
    return fields;
  }

  /**
   * @return the period's length, or empty for none
   */
  public Optional<Duration> period() {
    return Optional.ofNullable(period);
  }

  /**
   * @return the refusing states
   */
  public Set<JobState> states() {
    return states;
  }

  /**
   * @return the refusing states' names, in {@link JobState} order
   */
  List<String> stateNames() {
    List<String> names = new ArrayList<>();
    for (JobState state : states) {
      names.add(state.name());
    }
    return names;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Uniqueness u
        && fields.equals(u.fields)
        && Objects.equals(period, u.period)
        && states.equals(u.states);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fields, period, states);
  }

  @Override
  public String toString() {
    return "Uniqueness[fields="
        + fields
        + (period == null ? "" : ", period=" + period)
        + ", states="
        + states
        + "]";
  }
}
