package dev.dbq.runtime;

import dev.dbq.runtime.internal.NamingRules;
import dev.dbq.runtime.internal.WorkspaceCodec;
import dev.dbq.runtime.internal.store.JobListing;
import dev.dbq.runtime.internal.store.ListingFilter;
import dev.dbq.runtime.internal.store.PageCursor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A look at stored jobs, from {@link Dbq#jobs()}: filters, then a {@linkplain #page() page} of the
 * matching jobs or their {@linkplain #counts() counts}. What the command line's {@code dbq list}
 * and a dashboard show.
 *
 * <pre>{@code
 * JobQuery failed = dbq.jobs().state(JobState.FAILED).queue("imports");
 * JobPage page = failed.page();
 * while (true) {
 *   page.jobs().forEach(job -> System.out.println(job.id() + " " + job.lastError()));
 *   if (!page.hasNext()) break;
 *   page = failed.page(page.nextCursor());
 * }
 * JobCounts counts = dbq.jobs().counts();
 * }</pre>
 *
 * <p>A query is immutable: each filter returns a new query, so one can be kept and refined (a
 * dashboard's tab and its search). Filters combine with AND; one not set matches every job. Pages
 * come in the order workers claim jobs, highest priority first, then oldest, and continue by
 * keyset: a page's {@linkplain JobPage#nextCursor() cursor} is the position of its last job, which
 * never changes, so the next page starts right after it however many jobs were enqueued or finished
 * meanwhile (a job that changes state between two pages may then be seen twice, or not at all, in a
 * listing by state). A page costs about the same wherever it starts; each state is read in the
 * claim's order from an index, as are the counts (see {@code docs/benchmarks.md}).
 *
 * <p>On a {@link Dbq} with {@linkplain Dbq.Builder#route routes}, a query of one queue reads the
 * database that serves it; a query of every queue reads the databases in turn, the default one
 * first, each in the claim's order (a page that reaches the end of one database's jobs goes on with
 * the next one's; the last page may be empty), and its counts are summed over all of them.
 *
 * <p>Every job of a page carries its {@linkplain JobInfo#history() step-run history}, read with it
 * in one snapshot. Methods that read throw {@link DbqException} when the database fails; filters
 * throw {@link IllegalArgumentException} for a value no job can have.
 */
public final class JobQuery {
  /** The page size of a new query. */
  public static final int DEFAULT_PAGE_SIZE = 50;

  /** The largest page size: a page holds its jobs' workspaces and histories in memory. */
  public static final int MAX_PAGE_SIZE = 1_000;

  private final Databases databases;
  private final ListingFilter filter;
  private final int pageSize;

  private JobQuery(Databases databases, ListingFilter filter, int pageSize) {
    this.databases = databases;
    this.filter = filter;
    this.pageSize = pageSize;
  }

  static JobQuery of(Databases databases) {
    return new JobQuery(databases, ListingFilter.ALL, DEFAULT_PAGE_SIZE);
  }

  /**
   * Jobs in any of the given states (replacing an earlier state filter).
   *
   * @param states one or more states; none matches every state
   * @return the refined query
   */
  public JobQuery state(JobState... states) {
    return states(Arrays.asList(Objects.requireNonNull(states, "states")));
  }

  /**
   * Jobs in any of the given states (replacing an earlier state filter).
   *
   * @param states the states; empty matches every state
   * @return the refined query
   */
  public JobQuery states(Collection<JobState> states) {
    EnumSet<JobState> set = EnumSet.noneOf(JobState.class);
    for (JobState state : Objects.requireNonNull(states, "states")) {
      set.add(Objects.requireNonNull(state, "state"));
    }
    return with(filter.withStates(set));
  }

  /**
   * Jobs of one queue.
   *
   * @param queue a queue name, or null for every queue
   * @return the refined query
   * @throws IllegalArgumentException when the name breaks the naming rule (no job can have it)
   */
  public JobQuery queue(String queue) {
    return with(filter.withQueue(queue == null ? null : NamingRules.checkQueueName(queue)));
  }

  /**
   * Jobs of one name.
   *
   * @param name a job name, or null for every name
   * @return the refined query
   * @throws IllegalArgumentException when the name breaks the naming rule (no job can have it)
   */
  public JobQuery name(String name) {
    return with(filter.withName(name == null ? null : NamingRules.checkJobName(name)));
  }

  /**
   * Jobs enqueued in a window (database clock).
   *
   * @param from the earliest, inclusive, or null for no lower bound
   * @param to the latest, exclusive, or null for no upper bound
   * @return the refined query
   * @throws IllegalArgumentException when {@code to} is before {@code from}
   */
  public JobQuery createdBetween(Instant from, Instant to) {
    checkWindow("created", from, to);
    return with(filter.withCreated(from, to));
  }

  /**
   * Jobs whose row last changed in a window (database clock): a step saved, a claim, a failure.
   *
   * @param from the earliest, inclusive, or null for no lower bound
   * @param to the latest, exclusive, or null for no upper bound
   * @return the refined query
   * @throws IllegalArgumentException when {@code to} is before {@code from}
   */
  public JobQuery modifiedBetween(Instant from, Instant to) {
    checkWindow("modified", from, to);
    return with(filter.withModified(from, to));
  }

  /**
   * Jobs whose workspace contains the given JSON object, as PostgreSQL's {@code jsonb @>} reads it:
   * every key with an equal value, nested objects matched in part, arrays by their elements ({@code
   * {"tags":["a"]}} matches a workspace whose {@code tags} holds {@code "a"}). An index serves it.
   *
   * @param jsonObject a JSON object, e.g. {@code {"customer": 42}}; null removes the filter
   * @return the refined query
   * @throws WorkspaceException when the text is not exactly one JSON object
   */
  public JobQuery workspaceContains(String jsonObject) {
    if (jsonObject == null) {
      return with(filter.withWorkspaceContains(null));
    }
    return containing(WorkspaceCodec.parseGiven(jsonObject).toString());
  }

  /**
   * Jobs whose workspace contains the given fields, as {@link #workspaceContains(String)} with the
   * map written as JSON.
   *
   * @param fields keys and values, e.g. {@code Map.of("customer", 42)}
   * @return the refined query
   * @throws WorkspaceException when the map cannot be written as a JSON object
   */
  public JobQuery workspaceContains(Map<String, ?> fields) {
    return containing(WorkspaceCodec.toJson(Objects.requireNonNull(fields, "fields")));
  }

  private JobQuery containing(String json) {
    // every workspace contains {}: no filter (a GIN index would read all of itself for it)
    return with(filter.withWorkspaceContains(json.equals("{}") ? null : json));
  }

  /**
   * The number of jobs per page.
   *
   * @param size 1 to {@link #MAX_PAGE_SIZE}; {@value #DEFAULT_PAGE_SIZE} unless set
   * @return the refined query
   * @throws IllegalArgumentException when the size is outside that range
   */
  public JobQuery pageSize(int size) {
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "page size must be between 1 and " + MAX_PAGE_SIZE + ", was " + size);
    }
    return new JobQuery(databases, filter, size);
  }

  /**
   * The first page.
   *
   * @return up to the page size of matching jobs, highest priority first, then oldest
   * @throws DbqException when the database fails
   */
  public JobPage page() {
    return read(null);
  }

  /**
   * The page after an earlier one.
   *
   * @param cursor the {@link JobPage#nextCursor()} of the page before, from this query or one with
   *     the same order (any filters); null for the first page
   * @return the jobs that follow the cursor's position
   * @throws IllegalArgumentException when the text is no such cursor
   * @throws DbqException when the database fails
   */
  public JobPage page(String cursor) {
    if (!acrossDatabases()) {
      // a cursor of a listing across databases names its database before the position
      return read(cursor == null ? null : PageCursor.parse(RoutedCursor.position(cursor)));
    }
    return RoutedCursor.page(databases.all(), filter, pageSize, cursor);
  }

  /**
   * Counts the matching jobs per queue and state; the page size and cursors play no part.
   *
   * @return the counts
   * @throws DbqException when the database fails
   */
  public JobCounts counts() {
    if (acrossDatabases()) {
      List<JobCounts> each = new ArrayList<>();
      for (DataSource database : databases.all()) {
        each.add(counts(database));
      }
      return RoutedReads.mergeCounts(each);
    }
    return counts(database());
  }

  private JobCounts counts(DataSource database) {
    try (Connection c = database.getConnection()) {
      return JobListing.counts(c, filter);
    } catch (SQLException e) {
      throw new DbqException("cannot count jobs: " + e.getMessage(), e);
    }
  }

  /** Whether this query reads several databases: there are routes, and it names no queue. */
  private boolean acrossDatabases() {
    return databases.isRouted() && filter.queue() == null;
  }

  /** The one database this query reads when it does not read them all. */
  private DataSource database() {
    return filter.queue() == null ? databases.all().get(0) : databases.forQueue(filter.queue());
  }

  private JobPage read(PageCursor after) {
    try (Connection c = database().getConnection()) {
      return JobListing.page(c, filter, pageSize, after);
    } catch (SQLException e) {
      throw new DbqException("cannot list jobs: " + e.getMessage(), e);
    }
  }

  private JobQuery with(ListingFilter refined) {
    return new JobQuery(databases, refined, pageSize);
  }

  private static void checkWindow(String what, Instant from, Instant to) {
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException(
          what + " window ends (" + to + ") before it starts (" + from + ")");
    }
  }
}
