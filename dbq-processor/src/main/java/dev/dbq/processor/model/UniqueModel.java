package dev.dbq.processor.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A valid {@code @Unique} of a job, as the generated definition declares it.
 *
 * @param fields the workspace properties of the key, sorted; empty for unique by name
 * @param period the period a job is unique in; empty for none
 * @param states the refusing states' names in declaration order of {@code Unique.State}, or empty
 *     for the default (the waiting and running states)
 */
public record UniqueModel(List<String> fields, Optional<Duration> period, List<String> states) {
  /** Copies the lists. */
  public UniqueModel {
    fields = List.copyOf(fields);
    states = List.copyOf(states);
  }
}
