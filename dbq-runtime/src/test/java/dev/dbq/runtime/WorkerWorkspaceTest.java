package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbq.runtime.internal.WorkspaceCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

/** How the workspace travels from step to step, and what happens when it cannot. */
class WorkerWorkspaceTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();

  /** A typed workspace the steps replace. */
  record Counter(int n, List<String> seen) {}

  /** A typed workspace the steps mutate in place. */
  public static final class Tally {
    public int n;
    public String note;
  }

  private static long drain(JobDefinition... jobs) throws Exception {
    return DbqWorker.builder().dbq(db.dbq()).catalog(JobCatalog.of(jobs)).build().runUntilEmpty();
  }

  private static JsonNode workspace(UUID id) throws Exception {
    return WorkspaceCodec.mapper().readTree(StoredJobs.row(db.sql, id).workspace());
  }

  @Test
  void untypedMapPassesBetweenSteps() throws Exception {
    JobDefinition job =
        JobDefinition.builder("map_job")
            .step(
                "first",
                call -> {
                  call.context().workspace().put("a", 1);
                  return call.workspace();
                })
            .step(
                "second",
                call -> {
                  Map<String, Object> ws = call.context().workspace();
                  ws.put("b", ((Number) ws.get("a")).intValue() + 1);
                  return null;
                })
            .build();
    UUID id = TestJobBuilder.named("map_job").workspace(Map.of("given", true)).enqueue(db.sql);

    assertEquals(2, drain(job));

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.COMPLETE, row.state());
    assertEquals(2, row.nextStep());
    assertEquals(0, row.attempt());
    assertEquals(
        WorkspaceCodec.mapper().readTree("{\"given\":true,\"a\":1,\"b\":2}"), workspace(id));
  }

  @Test
  void typedRecordIsReplacedByTheReturnedValue() throws Exception {
    JobMethod increment =
        call -> {
          Counter c = call.workspace(Counter.class);
          List<String> seen = new ArrayList<>(c.seen());
          seen.add(call.context().step());
          return new Counter(c.n() + 1, seen);
        };
    JobDefinition job =
        JobDefinition.builder("record_job")
            .workspaceType(Counter.class)
            .step("one", increment)
            .step("two", increment)
            .step("three", increment)
            .build();
    UUID id =
        TestJobBuilder.named("record_job")
            .workspace(Map.of("n", 10, "seen", List.of()))
            .enqueue(db.sql);

    drain(job);

    assertEquals(
        WorkspaceCodec.mapper().readTree("{\"n\":13,\"seen\":[\"one\",\"two\",\"three\"]}"),
        workspace(id));
  }

  @Test
  void beanMutatedInPlaceIsKept() throws Exception {
    JobMethod mutate =
        call -> {
          Tally t = call.workspace(Tally.class);
          t.n++;
          t.note = "step " + call.context().stepIndex();
          return null; // a void step: the worker keeps the instance it passed
        };
    JobDefinition job =
        JobDefinition.builder("bean_job")
            .workspaceType(Tally.class)
            .step("a", mutate)
            .step("b", mutate)
            .build();
    UUID id = TestJobBuilder.named("bean_job").workspace(Map.of("n", 0)).enqueue(db.sql);

    drain(job);

    assertEquals(WorkspaceCodec.mapper().readTree("{\"n\":2,\"note\":\"step 1\"}"), workspace(id));
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, id));
  }

  @Test
  void aStoredWorkspaceThatNoLongerBindsFailsThatJobAndTheWorkerKeepsRunning() throws Exception {
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    JobDefinition typed =
        JobDefinition.builder("typed")
            .workspaceType(Counter.class)
            .step(
                "count",
                call -> {
                  ran.add("typed");
                  return call.workspace();
                })
            .build();
    UUID broken =
        TestJobBuilder.named("typed")
            .priority(5)
            .workspace(Map.of("n", "not a number"))
            .enqueue(db.sql);
    UUID fine = TestJobBuilder.named("typed").workspace(Map.of("n", 1)).enqueue(db.sql);

    drain(typed);

    StoredJobs.Row row = StoredJobs.row(db.sql, broken);
    assertEquals(JobState.FAILED, row.state());
    assertTrue(
        row.lastError().contains("does not bind to " + Counter.class.getName()), row.lastError());
    assertEquals(JobState.COMPLETE, StoredJobs.state(db.sql, fine));
    assertEquals(List.of("typed"), ran);
  }

  @Test
  void aWorkspaceThatIsNotAnObjectFailsTheJob() throws Exception {
    JobDefinition job = JobDefinition.builder("untyped").step("s", call -> null).build();
    UUID id = StoredJobs.insertRefusedRow(db.sql, "untyped", 0, "[1, 2]");

    drain(job);

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.FAILED, row.state());
    assertTrue(row.lastError().contains("must be a JSON object"), row.lastError());
  }

  @Test
  void anUnknownStepIndexFailsTheJob() throws Exception {
    JobDefinition job = JobDefinition.builder("short_now").step("only", call -> null).build();
    UUID id = TestJobBuilder.named("short_now").enqueue(db.sql);
    StoredJobs.execute(db.sql, "UPDATE dbq_job SET next_step = 3, state = 'READY'");

    drain(job);

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.FAILED, row.state());
    assertEquals(
        "job 'short_now' has no step at index 3 (it has 1 step); was it redefined?",
        row.lastError());
  }

  @Test
  void aStepSeesItsJobInTheMdcAndContext() throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    JobDefinition job =
        JobDefinition.builder("mdc_job")
            .queue("mdcq")
            .step(
                "look",
                call -> {
                  seen.add(MDC.get("dbq.job.id"));
                  seen.add(MDC.get("dbq.job.name"));
                  seen.add(MDC.get("dbq.queue"));
                  seen.add(MDC.get("dbq.step"));
                  JobContext c = call.context();
                  seen.add(
                      c.id()
                          + " "
                          + c.name()
                          + " "
                          + c.queue()
                          + " "
                          + c.priority()
                          + " "
                          + c.step()
                          + " "
                          + c.attempt()
                          + "/"
                          + c.maxAttempts());
                  c.logger().info("logging inside the step");
                  return null;
                })
            .build();
    UUID id = TestJobBuilder.named("mdc_job").queue("mdcq").priority(7).enqueue(db.sql);

    DbqWorker.builder()
        .dbq(db.dbq())
        .catalog(JobCatalog.of(job))
        .queues("mdcq")
        .build()
        .runUntilEmpty();

    assertEquals(
        List.of(id.toString(), "mdc_job", "mdcq", "look", id + " mdc_job mdcq 7 look 1/1"), seen);
  }
}
