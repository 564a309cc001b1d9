package dev.dbq.dashboard;

import static dev.dbq.dashboard.TestJobs.IMPORT;
import static dev.dbq.dashboard.TestJobs.TWO;
import static dev.dbq.dashboard.TestJobs.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.JobState;
import dev.dbq.testsupport.FreshDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JSON API's reads and actions, against a real worker and PostgreSQL. */
class DashboardApiTest {
  @RegisterExtension static final FreshDatabase db = new FreshDatabase();

  private Http http;

  @BeforeEach
  void writableDashboard() {
    TestJobs.SOURCE_DOWN.set(true);
    http = new Http(Dashboard.builder(db.dbq()).allowWrites(true).build());
  }

  private void drain() throws InterruptedException {
    try (DbqWorker worker =
        DbqWorker.builder()
            .dbq(db.dbq())
            .catalog(TestJobs.CATALOG)
            .queues("imports", "default")
            .build()) {
      worker.runUntilEmpty();
    }
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("jobs").forEach(j -> ids.add(j.get("id").asText()));
    return ids;
  }

  @Test
  void theJobsPageFiltersByStateAndContinuesByKeysetFromItsCursor() throws Exception {
    for (int i = 0; i < 3; i++) {
      job(IMPORT).enqueue(db.dbq());
    }
    UUID waiting = job(TWO).enqueue(db.dbq());
    drain();
    job(TWO).enqueue(db.dbq());

    JsonNode first = http.getJson("/api/jobs?state=FAILED&size=2");
    assertEquals(2, first.get("jobs").size());
    assertTrue(first.get("jobs").get(0).get("lastError").asText().contains("source down"));
    JsonNode second =
        http.getJson("/api/jobs?state=FAILED&size=2&cursor=" + first.get("next").asText());
    assertEquals(1, second.get("jobs").size());
    assertTrue(second.get("next").isNull());
    List<String> all = new ArrayList<>(ids(first));
    all.addAll(ids(second));
    assertEquals(3, all.stream().distinct().count(), all.toString());

    JsonNode count = http.getJson("/api/jobs/count?state=FAILED");
    assertEquals(3, count.get("total").asLong());
    JsonNode complete = http.getJson("/api/jobs?state=COMPLETE&queue=default&name=two");
    assertEquals(List.of(waiting.toString()), ids(complete));
  }

  @Test
  void aJobsDetailHasItsWorkspaceAndEveryRunOfItsStepsWithTheStackTrace() throws Exception {
    UUID id = job(IMPORT, Map.of("file", "cats.csv")).enqueue(db.dbq());
    drain();

    JsonNode job = http.getJson("/api/jobs/" + id);

    assertEquals("FAILED", job.get("state").asText());
    assertEquals("{\"file\": \"cats.csv\"}", job.get("workspace").asText());
    JsonNode step = job.get("steps").get(0);
    assertEquals("fetch", step.get("name").asText());
    JsonNode run = step.get("runs").get(0);
    assertEquals("FAILED", run.get("outcome").asText());
    assertNotNull(run.get("worker").textValue());
    assertTrue(
        run.get("stackTrace").asText().contains("java.lang.IllegalStateException: source down"),
        run.toString());
  }

  @Test
  void retryingAllThatMatchTheFilterRetriesThemAndNoOther() throws Exception {
    UUID a = job(IMPORT, Map.of("customer", 1)).enqueue(db.dbq());
    UUID b = job(IMPORT, Map.of("customer", 2)).enqueue(db.dbq());
    drain();

    DashboardResponse one =
        http.post(
            "/api/jobs/retry", "{\"filter\":\"state=FAILED&workspace={\\\"customer\\\":1}\"}");
    assertEquals(200, one.status(), one.text());
    assertEquals(1, Http.json(one).get("changed").asInt());
    assertEquals(JobState.READY, db.dbq().findJob(a).orElseThrow().state());
    assertEquals(JobState.FAILED, db.dbq().findJob(b).orElseThrow().state());

    TestJobs.SOURCE_DOWN.set(false);
    DashboardResponse rest =
        http.post("/api/jobs/retry", "{\"filter\":\"state=FAILED&name=import\"}");
    assertEquals(1, Http.json(rest).get("changed").asInt(), rest.text());
    drain();
    assertEquals(JobState.COMPLETE, db.dbq().findJob(a).orElseThrow().state());
    assertEquals(JobState.COMPLETE, db.dbq().findJob(b).orElseThrow().state());
  }

  @Test
  void actionsOnChosenIdsReportWhatTheyLeftAlone() throws Exception {
    UUID failed = job(IMPORT).enqueue(db.dbq());
    drain();
    UUID waiting = job(TWO).enqueue(db.dbq());

    DashboardResponse response =
        http.post("/api/jobs/cancel", "{\"ids\":[\"" + failed + "\",\"" + waiting + "\"]}");

    JsonNode body = Http.json(response);
    assertEquals(1, body.get("changed").asInt());
    assertEquals(1, body.get("leftAlone").asInt());
    assertEquals(JobState.CANCELLED, db.dbq().findJob(waiting).orElseThrow().state());
  }

  @Test
  void aQueueIsPausedLimitedAndResumedThroughTheApi() {
    assertEquals(200, http.post("/api/queues/imports/pause", "{}").status());
    assertTrue(db.dbq().queues().get("imports").paused());
    JsonNode limited = Http.json(http.post("/api/queues/imports/limit", "{\"limit\":3}"));
    assertEquals(3, limited.get("concurrencyLimit").asInt());
    assertEquals(200, http.post("/api/queues/imports/resume", "{}").status());
    assertFalse(db.dbq().queues().get("imports").paused());
    http.post("/api/queues/imports/limit", "{\"limit\":null}");
    assertTrue(db.dbq().queues().get("imports").concurrencyLimit().isEmpty());
  }

  @Test
  void theOverviewCountsQueuesAndTheLastHoursRuns() throws Exception {
    job(IMPORT).enqueue(db.dbq());
    job(TWO).enqueue(db.dbq());
    drain();

    JsonNode overview = http.getJson("/api/overview");

    assertEquals(1, overview.get("counts").get("byState").get("FAILED").asLong());
    assertEquals(1, overview.get("counts").get("byState").get("COMPLETE").asLong());
    JsonNode buckets = overview.get("activity").get("buckets");
    assertEquals(60, buckets.size());
    long succeeded = 0;
    long failed = 0;
    for (JsonNode bucket : buckets) {
      succeeded += bucket.get("succeeded").asLong();
      failed += bucket.get("failed").asLong();
    }
    assertEquals(2, succeeded, "two steps of 'two'");
    assertEquals(1, failed);
    assertEquals(1, overview.get("activity").get("workers").size());
    assertEquals(2, overview.get("queues").size());
  }

  @Test
  void aBadFilterValueIsRefusedNamingIt() {
    DashboardResponse response = http.get("/api/jobs?state=DONE");
    assertEquals(400, response.status());
    assertEquals(
        "unknown state 'DONE': a state is one of NEW, READY, PROCESSING, STOPPING, COMPLETE,"
            + " FAILED, CANCELLED",
        Http.json(response).get("error").asText());
    assertEquals(400, http.get("/api/jobs?from=yesterday").status());
    assertEquals(400, http.get("/api/jobs?workspace=[1]").status());
    assertEquals(404, http.get("/api/jobs/" + UUID.randomUUID()).status());
  }

  @Test
  void theCreationWindowFiltersThePageAndAnActionOnIt() throws Exception {
    UUID old = job(IMPORT).enqueue(db.dbq());
    UUID recent = job(IMPORT).enqueue(db.dbq());
    drain();
    FreshDatabase.execute(
        db.url(),
        "UPDATE dbq_job SET created = now() - interval '2 days' WHERE id = '" + old + "'");
    String since = java.time.Instant.now().minus(java.time.Duration.ofDays(1)).toString();

    JsonNode page = http.getJson("/api/jobs?state=FAILED&from=" + since);
    assertEquals(List.of(recent.toString()), ids(page));
    JsonNode before = http.getJson("/api/jobs?state=FAILED&to=" + since);
    assertEquals(List.of(old.toString()), ids(before));

    TestJobs.SOURCE_DOWN.set(false);
    DashboardResponse retried =
        http.post("/api/jobs/retry", "{\"filter\":\"state=FAILED&from=" + since + "\"}");
    assertEquals(1, Http.json(retried).get("changed").asInt(), retried.text());
    assertEquals(JobState.READY, db.dbq().findJob(recent).orElseThrow().state());
    assertEquals(JobState.FAILED, db.dbq().findJob(old).orElseThrow().state());
  }
}
