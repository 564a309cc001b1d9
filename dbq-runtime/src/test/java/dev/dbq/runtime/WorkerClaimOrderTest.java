package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.internal.store.WorkerStore;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which jobs a worker claims, and in which order. */
class WorkerClaimOrderTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();
  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

  private JobDefinition recording(String name) {
    return JobDefinition.builder(name)
        .step(
            "record",
            call -> {
              ran.add((String) call.context().workspace().get("label"));
              return null;
            })
        .build();
  }

  private long drain(String... queues) throws Exception {
    return DbqWorker.builder()
        .dbq(db.dbq())
        .catalog(JobCatalog.of(recording("record"), recording("other")))
        .queues(queues)
        .build()
        .runUntilEmpty();
  }

  private UUID insert(String queue, int priority, String label) throws Exception {
    return TestJobBuilder.named("record")
        .queue(queue)
        .priority(priority)
        .workspace(Map.of("label", label))
        .enqueue(db.sql);
  }

  @Test
  void higherPriorityRunsFirstAlsoNegative() throws Exception {
    insert("default", 0, "zero");
    insert("default", -5, "minus five");
    insert("default", 10, "ten");
    insert("default", -32768, "lowest");
    insert("default", 32767, "highest");

    drain("default");

    assertEquals(List.of("highest", "ten", "zero", "minus five", "lowest"), ran);
  }

  @Test
  void oldestFirstWithinAPriority() throws Exception {
    for (String label : List.of("first", "second", "third")) {
      insert("default", 1, label);
    }
    insert("default", 0, "later but lower");

    drain("default");

    assertEquals(List.of("first", "second", "third", "later but lower"), ran);
  }

  @Test
  void oldestFirstAlsoForJobsInsertedInOneTransaction() throws Exception {
    List<String> labels = new ArrayList<>();
    db.sql.setAutoCommit(false);
    try {
      for (int i = 0; i < 20; i++) {
        labels.add("job " + i);
        insert("default", 0, "job " + i);
      }
      db.sql.commit();
    } finally {
      db.sql.setAutoCommit(true);
    }

    drain("default");

    assertEquals(labels, ran);
  }

  @Test
  void futureRunAfterWaitsAndPastRunAfterRuns() throws Exception {
    UUID future =
        TestJobBuilder.named("record")
            .workspace(Map.of("label", "future"))
            .runAfter(Duration.ofHours(1))
            .enqueue(db.sql);
    UUID past =
        TestJobBuilder.named("record")
            .workspace(Map.of("label", "past"))
            .runAfter(Instant.now().minus(Duration.ofHours(1)))
            .enqueue(db.sql);

    drain("default");

    assertEquals(List.of("past"), ran);
    assertEquals(JobState.NEW, StoredJobs.state(db.sql, future));
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, past));
  }

  @Test
  void queuesAreIsolated() throws Exception {
    UUID mine = insert("mine", 0, "mine");
    UUID theirs = insert("theirs", 0, "theirs");

    drain("mine");

    assertEquals(List.of("mine"), ran);
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, mine));
    assertEquals(JobState.NEW, StoredJobs.state(db.sql, theirs));
  }

  @Test
  void severalQueuesShareOnePriorityOrder() throws Exception {
    insert("a", 1, "a1");
    insert("b", 2, "b2");
    insert("a", 3, "a3");
    insert("c", 9, "c9 not served");

    drain("a", "b");

    assertEquals(List.of("a3", "b2", "a1"), ran);
  }

  @Test
  void onlyJobsOfTheCatalogAreClaimed() throws Exception {
    UUID unknown = TestJobBuilder.named("defined_by_a_newer_deploy").priority(100).enqueue(db.sql);
    insert("default", 0, "known");

    drain("default");

    assertEquals(List.of("known"), ran);
    StoredJobs.Row row = StoredJobs.row(db.sql, unknown);
    assertEquals(JobState.NEW, row.state());
    assertEquals(0, row.attempt());
  }

  @Test
  void claimUsesTheClaimIndexWithCustomAndGenericPlans() throws Exception {
    StoredJobs.execute(
        db.sql,
        "INSERT INTO dbq_job (id, name, queue_name, priority, state)"
            + " SELECT gen_random_uuid(), 'record', 'q' || (i % 10), (i % 7) - 3,"
            + " CASE WHEN i % 3 = 0 THEN 'COMPLETE' ELSE 'NEW' END"
            + " FROM generate_series(1, 20000) AS i");
    StoredJobs.execute(db.sql, "ANALYZE dbq_job");
    // one queue limited, one paused: the limited one is scanned through the index as well
    StoredJobs.execute(
        db.sql,
        "INSERT INTO dbq_queue (name, paused, concurrency_limit)"
            + " VALUES ('q2', false, 3), ('q3', true, NULL)");
    // the claim of one queue and the claim of several (what WorkerStore runs for more than one)
    for (String file : List.of("claim.sql", "claim-many-queues.sql")) {
      assertPlansUseTheClaimIndex(file);
    }
  }

  private static void assertPlansUseTheClaimIndex(String file) throws Exception {
    // the statement's named parameters as the positions of the PREPARE below
    List<String> order = List.of("queues", "names", "limit", "slots", "worker_id", "lease_millis");
    String sql;
    try (var in = WorkerStore.class.getResourceAsStream("sql/" + file)) {
      sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    for (int i = 0; i < order.size(); i++) {
      sql = sql.replaceAll("(?<!:):" + order.get(i) + "\\b", "\\$" + (i + 1));
    }
    StoredJobs.execute(
        db.sql, "PREPARE dbq_claim(text[], text[], int, int, text, bigint) AS " + sql);
    try {
      for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
        StoredJobs.execute(db.sql, "SET plan_cache_mode = " + mode);
        String plan =
            explain("EXPLAIN EXECUTE dbq_claim('{q1,q2,q3}', '{record}', 4, 4, 'w', 1000)");
        assertTrue(plan.contains("dbq_job_claim_idx"), file + " " + mode + " plan:\n" + plan);
        assertTrue(!plan.contains("Seq Scan on dbq_job"), file + " " + mode + " plan:\n" + plan);
      }
    } finally {
      StoredJobs.execute(db.sql, "RESET plan_cache_mode");
      StoredJobs.execute(db.sql, "DEALLOCATE dbq_claim");
    }
  }

  private static String explain(String sql) throws Exception {
    StringBuilder plan = new StringBuilder();
    try (Statement s = db.sql.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }
}
