package dev.dbq.example;

import java.util.List;

/**
 * The typed workspace of {@link ImportCats}: what one step hands to the next, stored as JSON
 * between steps.
 *
 * @param source where the cats come from
 * @param names the cats fetched so far
 * @param stored how many were stored
 */
public record CatBatch(String source, List<String> names, int stored) {
  /** A batch not yet fetched. */
  public static CatBatch from(String source) {
    return new CatBatch(source, List.of(), 0);
  }
}
