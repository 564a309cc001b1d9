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

/**
 * What is saved with a step's outcome: the workspace as the step, the failure hook and the
 * post-step hook left it, in the one statement that saves the state (django-db-queue saves the job
 * only after both hooks ran), and the state the hooks see.
 */
class WorkerHookEditsTest {
  @RegisterExtension static final WorkerDatabase db = new WorkerDatabase();
  private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

  /** A typed workspace replaced by returning a new value. */
  record Note(String text) {}

  /** A typed workspace mutated in place. */
  public static final class Tally {
    public int n;
    public String by;
  }

  private static void drain(JobDefinition job) throws Exception {
    DbqWorker.builder().dbq(db.dbq()).catalog(JobCatalog.of(job)).build().runUntilEmpty();
  }

  private static JsonNode workspace(UUID id) throws Exception {
    return WorkspaceCodec.mapper().readTree(StoredJobs.row(db.sql, id).workspace());
  }

  private static JsonNode json(String text) throws Exception {
    return WorkspaceCodec.mapper().readTree(text);
  }

  private static JobMethod put(String key, Object value) {
    return call -> {
      call.context().workspace().put(key, value);
      return null;
    };
  }

  private static JobMethod putThenThrow(String key, String message) {
    return call -> {
      call.context().workspace().put(key, true);
      throw new IllegalStateException(message);
    };
  }

  private JobMethod recordState(String who) {
    return call -> {
      seen.add(who + ":" + call.context().state());
      return null;
    };
  }

  @Test
  void thePostStepHooksEditsAreSavedWithEveryStepOutcome() throws Exception {
    UUID id = TestJobBuilder.named("two").enqueue(db.sql);
    JobDefinition job =
        JobDefinition.builder("two")
            .step("first", put("first", 1))
            .step("second", put("second", 2))
            .postStepHook(
                call -> {
                  call.context().workspace().put("post_" + call.context().stepIndex(), true);
                  return null;
                })
            .build();

    drain(job);

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.COMPLETE, row.state());
    assertEquals(json("{\"first\":1,\"post_0\":true,\"second\":2,\"post_1\":true}"), workspace(id));
  }

  @Test
  void aFailedJobKeepsWhatTheStepEditedBeforeItThrewAndWhatBothHooksWrote() throws Exception {
    UUID id = TestJobBuilder.named("bad").workspace(Map.of("given", 1)).enqueue(db.sql);
    JobDefinition job =
        JobDefinition.builder("bad")
            .step("step", putThenThrow("step", "the cat ran away"))
            .failureHook(
                call -> {
                  call.context().workspace().put("failure", call.failure().getMessage());
                  return null;
                })
            .postStepHook(
                call -> {
                  // the failure hook ran first: its edit is visible here
                  call.context()
                      .workspace()
                      .put("post_saw_failure", call.context().workspace().containsKey("failure"));
                  return null;
                })
            .build();

    drain(job);

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.FAILED, row.state());
    assertEquals("the cat ran away", row.lastError());
    assertEquals(
        json(
            "{\"given\":1,\"step\":true,\"failure\":\"the cat ran away\","
                + "\"post_saw_failure\":true}"),
        workspace(id));
  }

  @Test
  void aRetriedStepKeepsItsEditsAndThePostStepHooks() throws Exception {
    UUID id = TestJobBuilder.named("flaky").enqueue(db.sql);
    JobDefinition job =
        JobDefinition.builder("flaky")
            .maxAttempts(2)
            .step("step", putThenThrow("tried", "not yet"))
            .failureHook(put("failure", true))
            .postStepHook(put("post", true))
            .build();

    drain(job);

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.READY, row.state());
    assertEquals("not yet", row.lastError());
    // attempts remain, so the failure hook did not run
    assertEquals(json("{\"tried\":true,\"post\":true}"), workspace(id));
  }

  @Test
  void aBeanMutatedInPlaceBeforeTheStepThrewIsSaved() throws Exception {
    UUID id = TestJobBuilder.named("bean").workspace(Map.of("n", 1)).enqueue(db.sql);
    JobDefinition job =
        JobDefinition.builder("bean")
            .workspaceType(Tally.class)
            .step(
                "step",
                call -> {
                  call.workspace(Tally.class).n++;
                  throw new IllegalStateException("half way");
                })
            .failureHook(
                call -> {
                  call.workspace(Tally.class).by = "failure hook";
                  return null;
                })
            .build();

    drain(job);

    assertEquals(JobState.FAILED, StoredJobs.state(db.sql, id));
    assertEquals(json("{\"n\":2,\"by\":\"failure hook\"}"), workspace(id));
  }

  @Test
  void
      aThrowingPreStepHookSkipsTheStepThenTheFailureHookAndThePostStepHookRunAndTheirEditsAreSaved()
          throws Exception {
    UUID id = TestJobBuilder.named("pre_fails").enqueue(db.sql);
    JobDefinition job =
        JobDefinition.builder("pre_fails")
            .preStepHook(putThenThrow("pre", "not ready"))
            .step("step", put("step", true))
            .failureHook(put("failure", true))
            .postStepHook(put("post", true))
            .build();

    drain(job);

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.FAILED, row.state());
    assertEquals("not ready", row.lastError());
    assertEquals(json("{\"pre\":true,\"failure\":true,\"post\":true}"), workspace(id));
  }

  @Test
  void everyHookKindThatReturnsTheWorkspaceReplacesIt() throws Exception {
    UUID ok = TestJobBuilder.named("replaced").workspace(Map.of("text", "given")).enqueue(db.sql);
    JobDefinition replaced =
        JobDefinition.builder("replaced")
            .workspaceType(Note.class)
            .preStepHook(call -> new Note(call.workspace(Note.class).text() + ">pre"))
            .step("step", call -> new Note(call.workspace(Note.class).text() + ">step"))
            .postStepHook(call -> new Note(call.workspace(Note.class).text() + ">post"))
            .build();
    drain(replaced);
    assertEquals(json("{\"text\":\"given>pre>step>post\"}"), workspace(ok));

    UUID bad =
        TestJobBuilder.named("replaced_on_failure")
            .workspace(Map.of("text", "given"))
            .enqueue(db.sql);
    JobDefinition failing =
        JobDefinition.builder("replaced_on_failure")
            .workspaceType(Note.class)
            .step(
                "step",
                call -> {
                  throw new IllegalStateException("no");
                })
            .failureHook(call -> new Note(call.workspace(Note.class).text() + ">failure"))
            .postStepHook(call -> new Note(call.workspace(Note.class).text() + ">post"))
            .build();
    drain(failing);
    assertEquals(JobState.FAILED, StoredJobs.state(db.sql, bad));
    assertEquals(json("{\"text\":\"given>failure>post\"}"), workspace(bad));
  }

  @Test
  void theHooksSeeTheStateAboutToBeSaved() throws Exception {
    TestJobBuilder.named("two").enqueue(db.sql);
    drain(
        JobDefinition.builder("two")
            .preStepHook(recordState("pre"))
            .step("first", recordState("first"))
            .step("second", recordState("second"))
            .postStepHook(recordState("post"))
            .build());
    assertEquals(
        List.of(
            "pre:PROCESSING",
            "first:PROCESSING",
            "post:READY",
            "pre:PROCESSING",
            "second:PROCESSING",
            "post:COMPLETE"),
        seen);

    seen.clear();
    TestJobBuilder.named("retried").enqueue(db.sql);
    JobDefinition retried =
        JobDefinition.builder("retried")
            .maxAttempts(2)
            .step("step", putThenThrow("x", "no"))
            .failureHook(recordState("failure"))
            .postStepHook(recordState("post"))
            .build();
    drain(retried);
    assertEquals(List.of("post:READY"), seen, "a retry is saved READY; the failure hook waits");
    StoredJobs.execute(db.sql, "UPDATE dbq_job SET run_after = now() - interval '1 hour'");
    drain(retried);
    assertEquals(List.of("post:READY", "failure:FAILED", "post:FAILED"), seen);
  }

  @Test
  void aWorkspaceTheHooksLeaveThatCannotBeSavedFailsTheJobAndKeepsTheStoredOne() throws Exception {
    UUID id = TestJobBuilder.named("huge").workspace(Map.of("given", 1)).enqueue(db.sql);
    JobDefinition job =
        JobDefinition.builder("huge")
            .step("step", put("step", true))
            .step("never", put("never", true))
            .postStepHook(put("blob", "x".repeat(Dbq.MAX_WORKSPACE_BYTES + 1)))
            .build();

    drain(job);

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.FAILED, row.state());
    assertTrue(
        row.lastError()
            .startsWith(
                "the workspace that step 'step' and the hooks of job 'huge'"
                    + " left cannot be saved: "),
        row.lastError());
    assertTrue(row.lastError().contains(String.valueOf(Dbq.MAX_WORKSPACE_BYTES)), row.lastError());
    assertEquals(json("{\"given\":1}"), workspace(id));
  }

  @Test
  void aThrowingFailureHookOrPostStepHookLeavesNoEditBehind() throws Exception {
    UUID id = TestJobBuilder.named("bad").enqueue(db.sql);
    JobDefinition job =
        JobDefinition.builder("bad")
            .step("step", putThenThrow("step", "step error"))
            .failureHook(putThenThrow("failure", "failure hook broke"))
            .postStepHook(
                call -> {
                  // the failure hook's edit was undone before this hook ran
                  seen.add("post saw failure edit: " + call.context().workspace().get("failure"));
                  call.context().workspace().put("post", true);
                  throw new IllegalStateException("post hook broke");
                })
            .build();

    drain(job);

    StoredJobs.Row row = StoredJobs.row(db.sql, id);
    assertEquals(JobState.FAILED, row.state());
    assertEquals("step error", row.lastError());
    assertEquals(List.of("post saw failure edit: null"), seen);
    assertEquals(json("{\"step\":true}"), workspace(id));
  }
}
