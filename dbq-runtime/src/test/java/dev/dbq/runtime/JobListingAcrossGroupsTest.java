package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A listing or a count over states of several groups (waiting, running, finished) is read one group
 * at a time, each through its partial indexes, and merged: it must give exactly what the groups
 * give alone, in the claim's order (priority DESC, then seq) across the merge, page after page.
 */
class JobListingAcrossGroupsTest {
  private static final JobDefinition WORK =
      JobDefinition.builder("work").step("run", Invocation::workspace).build();
  private static final JobDefinition REPORT =
      JobDefinition.builder("report").queue("reports").step("send", Invocation::workspace).build();
  private static final Set<JobState> WAITING = EnumSet.of(JobState.NEW, JobState.READY);
  private static final Set<JobState> RUNNING = EnumSet.of(JobState.PROCESSING, JobState.STOPPING);
  private static final Set<JobState> FINISHED =
      EnumSet.of(JobState.COMPLETE, JobState.FAILED, JobState.CANCELLED);

  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  /** The jobs in the claim's order, as enqueued (seq order) and sorted by priority. */
  private final List<UUID> claimOrder = new ArrayList<>();

  private final Map<UUID, JobState> states = new HashMap<>();

  /**
   * 42 jobs, six of each state, priorities 2, 1, 0 interleaved with the states so that each page of
   * the listing holds jobs of several groups.
   */
  @BeforeEach
  void jobsOfEveryState() {
    record Job(UUID id, int priority, int order) {}
    List<Job> jobs = new ArrayList<>();
    JobState[] all = JobState.values();
    for (int i = 0; i < 42; i++) {
      int priority = 2 - i % 3;
      UUID id =
          TestJobBuilder.of(i % 2 == 0 ? WORK : REPORT)
              .priority(priority)
              .workspace(Map.of("even", i % 2 == 0))
              .enqueue(db.dbq);
      JobState state = all[(i / 3) % all.length];
      db.sql.execute("UPDATE dbq_job SET state = '" + state + "' WHERE id = '" + id + "'");
      states.put(id, state);
      jobs.add(new Job(id, priority, i));
    }
    jobs.sort(Comparator.comparingInt((Job j) -> -j.priority()).thenComparingInt(Job::order));
    jobs.forEach(j -> claimOrder.add(j.id()));
  }

  private List<UUID> expected(Set<JobState> wanted) {
    return claimOrder.stream().filter(id -> wanted.contains(states.get(id))).toList();
  }

  private static List<UUID> ids(JobPage page) {
    return page.jobs().stream().map(JobInfo::id).toList();
  }

  /** Every job of the query, page by page, each page checked to follow its cursor. */
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

  private Set<JobState> groupsOf(List<UUID> ids) {
    Set<JobState> groups = EnumSet.noneOf(JobState.class);
    for (UUID id : ids) {
      JobState state = states.get(id);
      groups.add(
          WAITING.contains(state)
              ? JobState.NEW
              : RUNNING.contains(state) ? JobState.PROCESSING : JobState.COMPLETE);
    }
    return groups;
  }

  @Test
  void aPageThatMergesGroupsIsFollowedByTheRightNextPage() {
    JobQuery query = db.dbq.jobs().pageSize(5);
    JobPage first = query.page();
    assertEquals(claimOrder.subList(0, 5), ids(first));
    assertEquals(3, groupsOf(ids(first)).size(), "the first page holds jobs of all three groups");

    JobPage second = query.page(first.nextCursor());
    assertEquals(claimOrder.subList(5, 10), ids(second));
    assertEquals(claimOrder, all(query));
    for (int size : new int[] {1, 4, 41, 42, 100}) {
      assertEquals(claimOrder, all(db.dbq.jobs().pageSize(size)), "page size " + size);
    }
  }

  @Test
  void everyStateAtOnceListsWhatEachGroupListsMergedInTheClaimOrder() {
    List<UUID> merged = new ArrayList<>();
    for (Set<JobState> group : List.of(WAITING, RUNNING, FINISHED)) {
      List<UUID> alone = all(db.dbq.jobs().states(group).pageSize(4));
      assertEquals(expected(group), alone, "group " + group);
      merged.addAll(alone);
    }
    merged.sort(Comparator.comparingInt(claimOrder::indexOf));
    assertEquals(merged, all(db.dbq.jobs().pageSize(4)));
    assertEquals(merged, all(db.dbq.jobs().states(EnumSet.allOf(JobState.class)).pageSize(4)));
  }

  @Test
  void waitingJobsOfManyQueuesPageInTheClaimOrderAcrossTheQueues() {
    db.sql.execute("DELETE FROM dbq_job");
    List<UUID> expected = new ArrayList<>();
    List<UUID> low = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      // three queues interleaved, two priorities: each queue's index order is not the page's
      UUID high = TestJobBuilder.of(WORK).queue("q" + i % 3).priority(5).enqueue(db.dbq);
      UUID lower = TestJobBuilder.of(WORK).queue("q" + (i + 1) % 3).priority(-1).enqueue(db.dbq);
      expected.add(high);
      low.add(lower);
      if (i % 4 == 1) {
        db.sql.execute(
            "UPDATE dbq_job SET state = 'READY' WHERE id IN ('" + high + "', '" + lower + "')");
      }
    }
    expected.addAll(low);
    List<UUID> readyInOrder =
        expected.stream().filter(JobListingAcrossGroupsTest::isReady).toList();
    assertEquals(6, readyInOrder.size());

    for (int size : new int[] {1, 2, 5, 12, 13, 24, 25}) {
      assertEquals(expected, all(db.dbq.jobs().pageSize(size)), "page size " + size);
      assertEquals(
          expected, all(db.dbq.jobs().states(WAITING).pageSize(size)), "page size " + size);
      assertEquals(
          readyInOrder, all(db.dbq.jobs().state(JobState.READY).pageSize(size)), "READY, " + size);
    }
  }

  private static boolean isReady(UUID id) {
    return db.dbq.findJob(id).orElseThrow().state() == JobState.READY;
  }

  @Test
  void aSetSpanningTwoGroupsListsExactlyItsStates() {
    Set<JobState> mixed = EnumSet.of(JobState.READY, JobState.STOPPING, JobState.FAILED);
    assertEquals(expected(mixed), all(db.dbq.jobs().states(mixed).pageSize(3)));
    Set<JobState> two = EnumSet.of(JobState.NEW, JobState.CANCELLED);
    assertEquals(expected(two), all(db.dbq.jobs().states(two).pageSize(2)));
  }

  @Test
  void theMatchingListingMergesAcrossGroupsToo() {
    List<UUID> reports =
        claimOrder.stream()
            .filter(id -> db.dbq.findJob(id).orElseThrow().queue().equals("reports"))
            .toList();
    assertEquals(reports, all(db.dbq.jobs().queue("reports").pageSize(4)));
    List<UUID> even = all(db.dbq.jobs().workspaceContains(Map.of("even", true)).pageSize(4));
    assertEquals(
        claimOrder.stream().filter(id -> !reports.contains(id)).toList(),
        even,
        "the even jobs are the WORK jobs, every state");
  }

  @Test
  void countsOverEveryStateAreTheGroupsCountsAddedUp() {
    JobCounts all = db.dbq.jobs().counts();
    Map<String, Map<JobState, Long>> added = new HashMap<>();
    for (Set<JobState> group : List.of(WAITING, RUNNING, FINISHED)) {
      db.dbq
          .jobs()
          .states(group)
          .counts()
          .byQueue()
          .forEach(
              (queue, byState) ->
                  byState.forEach(
                      (state, n) ->
                          added
                              .computeIfAbsent(queue, q -> new HashMap<>())
                              .merge(state, n, Long::sum)));
    }
    assertEquals(added, toPlain(all.byQueue()));
    assertEquals(42, all.total());
    for (JobState state : JobState.values()) {
      assertEquals(6, all.byState().get(state), state.name());
      assertEquals(3, all.count("reports", state), state.name());
    }
    Set<JobState> mixed = EnumSet.of(JobState.NEW, JobState.PROCESSING, JobState.COMPLETE);
    JobCounts some = db.dbq.jobs().states(mixed).counts();
    for (JobState state : JobState.values()) {
      assertEquals(mixed.contains(state) ? 6 : 0, some.byState().get(state), state.name());
    }
    assertEquals(21, db.dbq.jobs().queue("reports").counts().total());
  }

  private static Map<String, Map<JobState, Long>> toPlain(Map<String, Map<JobState, Long>> m) {
    Map<String, Map<JobState, Long>> plain = new HashMap<>();
    m.forEach((queue, byState) -> plain.put(queue, new HashMap<>(byState)));
    return plain;
  }
}
