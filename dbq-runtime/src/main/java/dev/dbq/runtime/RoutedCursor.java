package dev.dbq.runtime;

import dev.dbq.runtime.internal.store.JobListing;
import dev.dbq.runtime.internal.store.ListingFilter;
import dev.dbq.runtime.internal.store.PageCursor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Paging a listing of every queue over several databases: the databases in turn, each in the
 * claim's order. A position ({@link PageCursor}) holds a job's insertion number, which only orders
 * jobs of one database, so the cursor names its database too: {@code <index>.<position>}, or {@code
 * <index>.} for the start of a database. Base64 has no {@code .}, so a cursor of one database's
 * listing is told apart.
 */
final class RoutedCursor {
  private RoutedCursor() {}

  /** The position part of a cursor: the text itself when it names no database. */
  static String position(String cursor) {
    int dot = cursor.indexOf('.');
    return dot < 0 ? cursor : cursor.substring(dot + 1);
  }

  /**
   * The page that starts at the cursor.
   *
   * @param cursor null for the first page
   * @throws IllegalArgumentException when the cursor is none of this listing's
   */
  static JobPage page(List<DataSource> databases, ListingFilter filter, int size, String cursor) {
    int start = 0;
    PageCursor after = null;
    if (cursor != null) {
      int dot = cursor.indexOf('.');
      start = dot < 0 ? 0 : index(cursor, cursor.substring(0, dot), databases.size());
      String position = position(cursor);
      after = position.isEmpty() ? null : PageCursor.parse(position);
    }
    List<JobInfo> jobs = new ArrayList<>();
    for (int i = start; i < databases.size(); i++) {
      JobPage page = read(databases.get(i), filter, size - jobs.size(), i == start ? after : null);
      jobs.addAll(page.jobs());
      if (page.hasNext()) {
        return new JobPage(jobs, i + "." + page.nextCursor());
      }
      if (jobs.size() == size) {
        return new JobPage(jobs, i + 1 < databases.size() ? (i + 1) + "." : null);
      }
    }
    return new JobPage(jobs, null);
  }

  private static int index(String cursor, String text, int databases) {
    try {
      int index = Integer.parseInt(text);
      if (index >= 0 && index < databases) {
        return index;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException(
        "'"
            + cursor
            + "' is not a cursor of a job listing: pass the next cursor of an earlier page");
  }

  private static JobPage read(
      DataSource database, ListingFilter filter, int size, PageCursor after) {
    try (Connection c = database.getConnection()) {
      return JobListing.page(c, filter, size, after);
    } catch (SQLException e) {
      throw new DbqException("cannot list jobs: " + e.getMessage(), e);
    }
  }
}
