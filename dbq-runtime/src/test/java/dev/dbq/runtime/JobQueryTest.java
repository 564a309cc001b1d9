package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Dbq#jobs()}: each filter, keyset pages in the claim's order, counts. */
class JobQueryTest {
  private static final JobDefinition WORK =
      JobDefinition.builder("work").step("run", Invocation::workspace).build();
  private static final JobDefinition REPORT =
      JobDefinition.builder("report").queue("reports").step("send", Invocation::workspace).build();

  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  private static UUID enqueue(JobDefinition job, int priority, Map<String, ?> workspace) {
    return TestJobBuilder.of(job).priority(priority).workspace(workspace).enqueue(db.dbq);
  }

  private static UUID enqueue(JobDefinition job) {
    return enqueue(job, 0, Map.of());
  }

  private static void set(UUID id, String assignments) {
    db.sql.execute("UPDATE dbq_job SET " + assignments + " WHERE id = '" + id + "'");
  }

  private static List<UUID> ids(JobPage page) {
    return page.jobs().stream().map(JobInfo::id).toList();
  }

  /** Every job of the query, page by page. */
  private static List<UUID> all(JobQuery query) {
    List<UUID> ids = new ArrayList<>();
    JobPage page = query.page();
    ids.addAll(ids(page));
    while (page.hasNext()) {
      page = query.page(page.nextCursor());
      ids.addAll(ids(page));
    }
    return ids;
  }

  @Test
  void aQueryWithoutFiltersListsEveryJobHighestPriorityFirstThenOldest() {
    UUID low = enqueue(WORK, -5, Map.of());
    UUID first = enqueue(WORK, 3, Map.of());
    UUID second = enqueue(REPORT, 3, Map.of());
    UUID middle = enqueue(WORK);
    set(middle, "state = 'COMPLETE'");
    set(second, "state = 'FAILED'");

    JobPage page = db.dbq.jobs().page();

    assertEquals(List.of(first, second, middle, low), ids(page));
    assertFalse(page.hasNext());
    assertNull(page.nextCursor());
  }

  @Test
  void pagesFollowEachOtherAcrossTiesInPriorityWithoutGapOrRepeat() {
    List<UUID> expected = new ArrayList<>();
    List<UUID> high = new ArrayList<>();
    List<UUID> low = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      // interleaved, so insertion order is not the listing's
      high.add(enqueue(WORK, 2, Map.of()));
      low.add(enqueue(WORK, 0, Map.of()));
    }
    expected.addAll(high);
    expected.addAll(low);
    // several states in one listing: each is read apart and merged
    set(high.get(1), "state = 'COMPLETE'");
    set(low.get(3), "state = 'FAILED'");
    set(low.get(4), "state = 'READY'");

    JobQuery query = db.dbq.jobs().pageSize(3);
    JobPage first = query.page();
    assertEquals(expected.subList(0, 3), ids(first));
    assertTrue(first.hasNext());

    assertEquals(expected, all(query));
    assertEquals(expected, all(db.dbq.jobs().pageSize(1)));
    assertEquals(expected, all(db.dbq.jobs().pageSize(14)));
    JobPage exact = db.dbq.jobs().pageSize(14).page();
    assertFalse(exact.hasNext(), "a page that holds the rest says there is no next one");
  }

  @Test
  void aCursorKeepsItsPlaceWhileJobsAreEnqueuedAndFinishBeforeIt() {
    List<UUID> jobs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      jobs.add(enqueue(WORK));
    }
    JobQuery query = db.dbq.jobs().pageSize(2);
    JobPage first = query.page();
    enqueue(WORK, 9, Map.of()); // sorts before the cursor: not on the next page
    UUID later = enqueue(WORK);
    db.sql.execute("DELETE FROM dbq_job WHERE id = '" + jobs.get(0) + "'");

    assertEquals(List.of(jobs.get(2), jobs.get(3)), ids(query.page(first.nextCursor())));
    assertEquals(
        List.of(jobs.get(2), jobs.get(3), later), ids(query.pageSize(5).page(first.nextCursor())));
  }

  @Test
  void filtersByOneStateOrSeveral() {
    UUID waiting = enqueue(WORK);
    UUID failed = enqueue(WORK);
    UUID cancelled = enqueue(REPORT);
    UUID complete = enqueue(REPORT);
    set(failed, "state = 'FAILED'");
    set(cancelled, "state = 'CANCELLED'");
    set(complete, "state = 'COMPLETE'");

    assertEquals(List.of(failed), ids(db.dbq.jobs().state(JobState.FAILED).page()));
    assertEquals(List.of(waiting), ids(db.dbq.jobs().state(JobState.NEW).page()));
    assertEquals(
        List.of(failed, cancelled),
        ids(db.dbq.jobs().state(JobState.FAILED, JobState.CANCELLED).page()));
    assertEquals(
        List.of(complete),
        ids(db.dbq.jobs().state(JobState.FAILED).states(List.of(JobState.COMPLETE)).page()),
        "a later state filter replaces the earlier one");
    assertEquals(4, ids(db.dbq.jobs().state().page()).size(), "no state: every state");
  }

  @Test
  void filtersByQueueAndByName() {
    UUID work = enqueue(WORK);
    UUID report = enqueue(REPORT);
    UUID workInReports = TestJobBuilder.of(WORK).queue("reports").enqueue(db.dbq);

    assertEquals(List.of(report, workInReports), ids(db.dbq.jobs().queue("reports").page()));
    assertEquals(List.of(work, workInReports), ids(db.dbq.jobs().name("work").page()));
    assertEquals(List.of(workInReports), ids(db.dbq.jobs().name("work").queue("reports").page()));
    assertEquals(List.of(), ids(db.dbq.jobs().queue("nowhere").page()));
  }

  @Test
  void filtersByCreatedAndModifiedWindows() {
    UUID old = enqueue(WORK);
    UUID recent = enqueue(WORK);
    UUID touched = enqueue(WORK);
    set(old, "created = '2026-01-01T00:00:00Z', modified = '2026-01-01T00:00:00Z'");
    set(recent, "created = '2026-06-01T00:00:00Z', modified = '2026-06-01T00:00:00Z'");
    set(touched, "created = '2026-01-01T00:00:00Z', modified = '2026-06-01T12:00:00Z'");
    Instant may = Instant.parse("2026-05-01T00:00:00Z");
    Instant june = Instant.parse("2026-06-01T00:00:00Z");

    assertEquals(List.of(recent), ids(db.dbq.jobs().createdBetween(may, null).page()));
    assertEquals(List.of(old, touched), ids(db.dbq.jobs().createdBetween(null, may).page()));
    assertEquals(
        List.of(), ids(db.dbq.jobs().createdBetween(may, june).page()), "the end is exclusive");
    assertEquals(
        List.of(recent), ids(db.dbq.jobs().createdBetween(june, june.plusSeconds(1)).page()));
    assertEquals(List.of(recent, touched), ids(db.dbq.jobs().modifiedBetween(may, null).page()));
    assertEquals(
        List.of(touched),
        ids(db.dbq.jobs().createdBetween(null, may).modifiedBetween(may, null).page()));
    assertThrows(IllegalArgumentException.class, () -> db.dbq.jobs().createdBetween(june, may));
  }

  @Test
  void filtersByWorkspaceContainment() {
    UUID alice =
        enqueue(
            WORK,
            0,
            Map.of(
                "customer",
                42,
                "tags",
                List.of("vip", "eu"),
                "address",
                Map.of("city", "Oslo", "zip", "0150")));
    UUID bob = enqueue(WORK, 0, Map.of("customer", 7, "tags", List.of("eu")));
    UUID text = enqueue(WORK, 0, Map.of("customer", "42"));

    assertEquals(List.of(alice), ids(db.dbq.jobs().workspaceContains("{\"customer\": 42}").page()));
    assertEquals(
        List.of(text),
        ids(db.dbq.jobs().workspaceContains(Map.of("customer", "42")).page()),
        "a string is not a number");
    assertEquals(
        List.of(alice, bob), ids(db.dbq.jobs().workspaceContains("{\"tags\": [\"eu\"]}").page()));
    assertEquals(
        List.of(alice),
        ids(db.dbq.jobs().workspaceContains("{\"address\": {\"city\": \"Oslo\"}}").page()));
    assertEquals(3, ids(db.dbq.jobs().workspaceContains("{}").page()).size());
    assertEquals(List.of(), ids(db.dbq.jobs().workspaceContains("{\"customer\": 1}").page()));
    assertThrows(WorkspaceException.class, () -> db.dbq.jobs().workspaceContains("[1]"));
    assertThrows(WorkspaceException.class, () -> db.dbq.jobs().workspaceContains("{nope"));
  }

  /** Among finished jobs, where the index is partial (V7): the listing asks one group at a time. */
  private static final String FINISHED_CONTAINMENT =
      "EXPLAIN SELECT id FROM dbq_job WHERE workspace @> '{\"customer\": 42}'::jsonb"
          + " AND state = ANY('{COMPLETE,FAILED,CANCELLED}')";

  @Test
  void containmentIsServedByTheWorkspaceIndex() {
    String plan = String.join("\n", db.sql.column(FINISHED_CONTAINMENT));
    // on an empty table any plan is as cheap: forbid the alternatives to see the index is usable
    // (the scan, and the other indexes partial on the same states, dropped in a rolled back
    // transaction)
    String forced = planWithoutAlternatives();
    assertTrue(
        plan.contains("dbq_job_workspace_idx") || forced.contains("dbq_job_workspace_idx"),
        plan + "\n" + forced);
  }

  private static String planWithoutAlternatives() {
    try (var c = db.database.connect();
        var s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("SET LOCAL enable_seqscan = off");
      s.execute("DROP INDEX dbq_job_state_queue_idx, dbq_job_listing_idx");
      try (var rs = s.executeQuery(FINISHED_CONTAINMENT)) {
        StringBuilder plan = new StringBuilder();
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
        return plan.toString();
      } finally {
        c.rollback();
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void filtersCombineWithPagination() {
    List<UUID> matching = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      matching.add(enqueue(WORK, 1, Map.of("batch", "a")));
      enqueue(WORK, 1, Map.of("batch", "b"));
      set(enqueue(WORK, 1, Map.of("batch", "a")), "state = 'FAILED'");
    }
    JobQuery query =
        db.dbq.jobs().state(JobState.NEW).name("work").workspaceContains("{\"batch\":\"a\"}");

    assertEquals(matching, all(query.pageSize(2)));
  }

  @Test
  void countsPerQueueAndStateHonourTheFilters() {
    enqueue(WORK);
    enqueue(WORK);
    set(enqueue(WORK, 0, Map.of("k", 1)), "state = 'FAILED'");
    set(enqueue(REPORT, 0, Map.of("k", 1)), "state = 'COMPLETE'");
    set(enqueue(REPORT), "state = 'CANCELLED'");

    JobCounts counts = db.dbq.jobs().counts();

    assertEquals(List.of("default", "reports"), new ArrayList<>(counts.byQueue().keySet()));
    assertEquals(2, counts.count("default", JobState.NEW));
    assertEquals(1, counts.count("default", JobState.FAILED));
    assertEquals(1, counts.count("reports", JobState.COMPLETE));
    assertEquals(1, counts.count("reports", JobState.CANCELLED));
    assertEquals(0, counts.count("reports", JobState.NEW));
    assertEquals(0, counts.count("nowhere", JobState.NEW));
    assertEquals(JobState.values().length, counts.byQueue().get("reports").size());
    assertEquals(5, counts.total());
    assertEquals(2L, counts.byState().get(JobState.NEW));
    assertEquals(0L, counts.byState().get(JobState.PROCESSING));

    JobCounts filtered = db.dbq.jobs().workspaceContains(Map.of("k", 1)).counts();
    assertEquals(2, filtered.total());
    assertEquals(1, filtered.count("default", JobState.FAILED));
    JobCounts byState = db.dbq.jobs().state(JobState.NEW, JobState.CANCELLED).counts();
    assertEquals(3, byState.total());
    assertEquals(Map.of(), db.dbq.jobs().queue("nowhere").counts().byQueue());
  }

  @Test
  void pagesCarryEachJobsHistory() {
    UUID ran = enqueue(WORK);
    UUID idle = enqueue(WORK);
    StepRunRows.insert(db.sql, ran, 0, "run", 1, "SUCCEEDED", null, null);

    JobPage page = db.dbq.jobs().page();

    assertEquals(1, page.jobs().get(0).history().size());
    assertEquals(ran, page.jobs().get(0).id());
    assertEquals(List.of(), page.jobs().get(1).history());
    assertEquals(idle, page.jobs().get(1).id());
  }

  @Test
  void badFilterValuesAreRefusedWithTheRule() {
    IllegalArgumentException queue =
        assertThrows(IllegalArgumentException.class, () -> db.dbq.jobs().queue("no spaces"));
    assertTrue(queue.getMessage().contains("no spaces"), queue.getMessage());
    assertThrows(IllegalArgumentException.class, () -> db.dbq.jobs().name("1st"));
    assertThrows(IllegalArgumentException.class, () -> db.dbq.jobs().pageSize(0));
    assertThrows(
        IllegalArgumentException.class, () -> db.dbq.jobs().pageSize(JobQuery.MAX_PAGE_SIZE + 1));
    IllegalArgumentException cursor =
        assertThrows(IllegalArgumentException.class, () -> db.dbq.jobs().page("garbage"));
    assertTrue(cursor.getMessage().contains("'garbage' is not a cursor"), cursor.getMessage());
    assertThrows(IllegalArgumentException.class, () -> db.dbq.jobs().page(""));
  }

  @Test
  void priorityExtremesSortAndPage() {
    UUID lowest = enqueue(WORK, Short.MIN_VALUE, Map.of());
    UUID highest = enqueue(WORK, Short.MAX_VALUE, Map.of());
    UUID zero = enqueue(WORK);

    assertEquals(List.of(highest, zero, lowest), all(db.dbq.jobs().pageSize(1)));
  }
}
