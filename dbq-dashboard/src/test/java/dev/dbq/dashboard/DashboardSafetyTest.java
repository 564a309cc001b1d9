package dev.dbq.dashboard;

import static dev.dbq.dashboard.TestJobs.IMPORT;
import static dev.dbq.dashboard.TestJobs.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.JobState;
import dev.dbq.testsupport.FreshDatabase;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Safe by default: read-only unless told, the authorizer asked per request with the user,
 * cross-site and non-JSON posts refused before anything is written, strict headers on every
 * response, and no asset outside the bundle.
 */
class DashboardSafetyTest {
  @RegisterExtension static final FreshDatabase db = new FreshDatabase();

  private UUID failed;

  @BeforeEach
  void aFailedJob() throws Exception {
    TestJobs.SOURCE_DOWN.set(true);
    failed = job(IMPORT).enqueue(db.dbq());
    try (DbqWorker worker =
        DbqWorker.builder().dbq(db.dbq()).catalog(TestJobs.CATALOG).queues("imports").build()) {
      worker.runUntilEmpty();
    }
  }

  private String retryBody() {
    return "{\"ids\":[\"" + failed + "\"]}";
  }

  private JobState state() {
    return db.dbq().findJob(failed).orElseThrow().state();
  }

  @Test
  void aDashboardIsReadOnlyUnlessWritesAreAllowed() {
    Http http = new Http(Dashboard.builder(db.dbq()).build());

    DashboardResponse response = http.post("/api/jobs/retry", retryBody());

    assertEquals(403, response.status());
    assertEquals(
        "the dashboard is read-only: allow writes to take actions (dbq dashboard --allow-writes,"
            + " or Dashboard.builder(dbq).allowWrites(true))",
        Http.json(response).get("error").asText());
    assertEquals(JobState.FAILED, state());
    assertFalse(http.getJson("/api/config").get("writable").asBoolean());
    assertFalse(http.getJson("/api/config").get("actions").get("retry").asBoolean());
  }

  @Test
  void theAuthorizerDecidesEachActionWithTheApplicationsUser() {
    List<String> asked = new ArrayList<>();
    Dashboard dashboard =
        Dashboard.builder(db.dbq())
            .allowWrites(true)
            .authorizer(
                (action, request) -> {
                  String user = request.principal().map(Principal::getName).orElse("nobody");
                  asked.add(user + ":" + action);
                  return user.equals("ops") && action != DashboardAction.DELETE;
                })
            .build();
    Principal ops = () -> "ops";

    DashboardResponse delete = dashboard.handle(post("/api/jobs/delete", retryBody(), ops));
    assertEquals(403, delete.status());
    assertEquals(
        "not allowed: delete (refused by the dashboard's authorizer)",
        Http.json(delete).get("error").asText());
    DashboardResponse anonymous = dashboard.handle(post("/api/jobs/retry", retryBody(), null));
    assertEquals(403, anonymous.status());
    assertEquals(JobState.FAILED, state());

    DashboardResponse retry = dashboard.handle(post("/api/jobs/retry", retryBody(), ops));
    assertEquals(200, retry.status(), retry.text());
    assertEquals(JobState.READY, state());
    assertEquals(List.of("ops:DELETE", "nobody:RETRY", "ops:RETRY"), asked);
  }

  private static DashboardRequest post(String path, String body, Principal user) {
    return new DashboardRequest(
        "POST",
        path,
        Map.of(),
        Map.of("Content-Type", "application/json", "Sec-Fetch-Site", "same-origin"),
        body.getBytes(StandardCharsets.UTF_8),
        "",
        user);
  }

  @Test
  void aCrossSitePostIsRefusedBeforeAnythingIsWritten() {
    Http http = new Http(Dashboard.builder(db.dbq()).allowWrites(true).build());

    DashboardResponse crossSite =
        http.post("/api/jobs/retry", retryBody(), Map.of("Sec-Fetch-Site", "cross-site"));
    DashboardResponse sameSite =
        http.post("/api/jobs/retry", retryBody(), Map.of("Sec-Fetch-Site", "same-site"));
    DashboardResponse otherOrigin =
        http.post(
            "/api/jobs/retry",
            retryBody(),
            Map.of("Origin", "http://evil.example", "Host", "127.0.0.1:8080"));

    assertEquals(403, crossSite.status());
    assertEquals(
        "cross-site request refused (Sec-Fetch-Site: cross-site)",
        Http.json(crossSite).get("error").asText());
    assertEquals(403, sameSite.status(), "another port of the same host is another application");
    assertEquals(403, otherOrigin.status());
    assertEquals(
        "cross-site request refused (Origin http://evil.example is not this dashboard's host"
            + " 127.0.0.1:8080)",
        Http.json(otherOrigin).get("error").asText());
    assertEquals(JobState.FAILED, state());

    DashboardResponse sameOrigin =
        http.post(
            "/api/jobs/retry",
            retryBody(),
            Map.of("Origin", "http://127.0.0.1:8080", "Host", "127.0.0.1:8080"));
    assertEquals(200, sameOrigin.status(), sameOrigin.text());
    assertEquals(JobState.READY, state());
  }

  @Test
  void anActionWithoutAJsonBodyIsRefusedAsNoCrossSiteFormCanSendOne() {
    Dashboard dashboard = Dashboard.builder(db.dbq()).allowWrites(true).build();
    DashboardRequest form =
        new DashboardRequest(
            "POST",
            "/api/jobs/retry",
            Map.of(),
            Map.of("Content-Type", "application/x-www-form-urlencoded"),
            ("ids=" + failed).getBytes(StandardCharsets.UTF_8),
            "",
            null);

    DashboardResponse response = dashboard.handle(form);

    assertEquals(415, response.status());
    assertEquals(JobState.FAILED, state());
  }

  @Test
  void everyResponseCarriesTheStrictHeadersAndThePageIsServedFromTheJar() {
    Http http = new Http(Dashboard.builder(db.dbq()).build());
    for (String path : List.of("/", "/assets/app.js", "/api/overview", "/api/nothing", "/x")) {
      DashboardResponse response = http.get(path);
      assertEquals(
          "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
          response.header("Content-Security-Policy"),
          path);
      assertEquals("nosniff", response.header("X-Content-Type-Options"), path);
      assertEquals("DENY", response.header("X-Frame-Options"), path);
    }
    DashboardResponse page = http.get("/");
    assertEquals(200, page.status());
    assertTrue(page.text().contains("<script type=\"module\" src=\"assets/app.js\">"));
    assertEquals(
        "text/javascript; charset=utf-8", http.get("/assets/app.js").header("Content-Type"));
    assertEquals(200, http.get("/assets/pages/jobs.js").status());
  }

  @Test
  void noPathReachesOutsideTheBundledAssets() {
    Http http = new Http(Dashboard.builder(db.dbq()).build());
    for (String path :
        List.of(
            "/assets/../Dashboard.class",
            "/assets/..%2fDashboard.class",
            "/assets/logback-test.xml",
            "/assets/missing.js",
            "/assets/APP.JS",
            "/dev/dbq/dashboard/assets/app.js")) {
      assertEquals(404, http.get(path).status(), path);
    }
  }

  @Test
  void theMountPointWithoutItsSlashRedirectsToIt() {
    Dashboard dashboard = Dashboard.builder(db.dbq()).build();
    DashboardResponse response =
        dashboard.handle(
            new DashboardRequest("GET", "", Map.of(), Map.of(), null, "/ops/dbq", null));
    assertEquals(302, response.status());
    assertEquals("/ops/dbq/", response.header("Location"));
  }
}
