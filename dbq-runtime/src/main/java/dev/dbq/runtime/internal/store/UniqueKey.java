package dev.dbq.runtime.internal.store;

import java.util.List;

/**
 * A unique job's key as the store writes it: the SHA-256 that {@code dev.dbq.runtime.internal
 * .UniqueKeys} computed, in hex (the statements decode it to {@code bytea}), and the states in
 * which the job refuses a duplicate.
 *
 * @param hex the key, 64 hex digits
 * @param states the refusing states' names, always with NEW, READY, PROCESSING and STOPPING
 */
public record UniqueKey(String hex, List<String> states) {
  /** Copies the states. */
  public UniqueKey {
    states = List.copyOf(states);
  }
}
