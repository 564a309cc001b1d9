package dev.dbq.dashboard;

import static dev.dbq.dashboard.TestJobs.HOSTILE;
import static dev.dbq.dashboard.TestJobs.IMPORT;
import static dev.dbq.dashboard.TestJobs.TWO;
import static dev.dbq.dashboard.TestJobs.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.JobState;
import dev.dbq.testsupport.FreshDatabase;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in Debian's Chromium, headless, against a real worker and PostgreSQL: an operator's
 * round trip through a failure, the queue controls, and what the dashboard refuses or escapes. The
 * run writes the README's screenshots to {@code docs/images/}.
 */
class DashboardBrowserTest {
  @RegisterExtension static final FreshDatabase db = new FreshDatabase();
  @RegisterExtension static final Browser browser = new Browser();

  private static DashboardServer writable;
  private static DashboardServer readOnly;
  private static DbqWorker worker;

  @BeforeAll
  static void serveAndWork() {
    writable =
        DashboardServer.start(
            "127.0.0.1", 0, Dashboard.builder(db.dbq()).allowWrites(true).build());
    readOnly = DashboardServer.start("127.0.0.1", 0, Dashboard.builder(db.dbq()).build());
    worker =
        DbqWorker.builder()
            .dbq(db.dbq())
            .catalog(TestJobs.CATALOG)
            .queues("imports", "default")
            .concurrency(4)
            .pollInterval(Duration.ofMillis(200))
            .build();
    worker.start();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    TestJobs.GATE.get().countDown();
    if (worker != null) {
      worker.stop();
      worker.awaitTermination(Duration.ofSeconds(20));
    }
    if (writable != null) {
      writable.close();
    }
    if (readOnly != null) {
      readOnly.close();
    }
  }

  @BeforeEach
  void sourceDownAndAFreshPage() {
    TestJobs.SOURCE_DOWN.set(true);
    TestJobs.GATE.set(new CountDownLatch(0));
    // a page differing from the last test's by its fragment alone would keep that test's document
    browser.driver.get("about:blank");
  }

  private static String url(DashboardServer server) {
    return "http://127.0.0.1:" + server.port() + "/";
  }

  /** Waits, bounded, until the stored jobs are as the test needs them. */
  private static void awaitJobs(String what, java.util.function.BooleanSupplier condition) {
    new FluentWait<>(db)
        .withTimeout(Browser.BOUND)
        .pollingEvery(Duration.ofMillis(50))
        .withMessage(what)
        .until(d -> condition.getAsBoolean());
  }

  private static long count(JobState state) {
    return db.dbq().countByState().get(state);
  }

  private static List<WebElement> rows() {
    return browser.driver.findElements(By.cssSelector("table.jobs tbody tr"));
  }

  private static boolean rowsAre(int n, String state) {
    List<WebElement> rows = rows();
    return rows.size() == n
        && rows.stream().allMatch(r -> state.equals(r.getAttribute("data-state")));
  }

  private static Object script(String js, Object... args) {
    return ((JavascriptExecutor) browser.driver).executeScript(js, args);
  }

  @Test
  void anOperatorFiltersFailedJobsReadsAStackTraceRetriesAllAndSeesThemCompleteLive() {
    for (int i = 0; i < 3; i++) {
      job(IMPORT, Map.of("file", "cats-" + i + ".csv")).enqueue(db.dbq());
    }
    job(TWO).enqueue(db.dbq());
    job(TWO).enqueue(db.dbq());
    awaitJobs(
        "3 FAILED, 2 COMPLETE", () -> count(JobState.FAILED) == 3 && count(JobState.COMPLETE) == 2);

    browser.driver.get(url(writable) + "#/jobs");
    browser.until(d -> rows().size() == 5);
    new Select(browser.driver.findElement(By.id("filter-state"))).selectByValue("FAILED");
    browser.driver.findElement(By.id("filter-apply")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("#/jobs?state=FAILED") && rowsAre(3, "FAILED"));
    browser.until(ExpectedConditions.textToBe(By.id("match-count"), "3 jobs match (3 FAILED)"));
    browser.screenshot("jobs");

    browser.until(
        d -> {
          rows().get(0).findElement(By.cssSelector("a.job-link")).click();
          return true;
        });
    browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("details.trace")));
    browser.driver.findElement(By.cssSelector("details.trace summary")).click();
    WebElement trace =
        browser.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("pre.stack-trace")));
    assertTrue(
        trace
            .getText()
            .startsWith("java.lang.IllegalStateException: source down: connection refused"),
        trace.getText());
    assertTrue(trace.getText().contains("at dev.dbq.dashboard.TestJobs"), trace.getText());
    browser.screenshot("job");

    browser.driver.navigate().back();
    browser.until(d -> d.getCurrentUrl().endsWith("#/jobs?state=FAILED") && rowsAre(3, "FAILED"));
    // marks this document: a reload would lose the mark
    script("window.dbqSameDocument = true;");
    TestJobs.SOURCE_DOWN.set(false);
    CountDownLatch gate = new CountDownLatch(1);
    TestJobs.GATE.set(gate);
    WebElement retryAll =
        browser.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".action-all-retry")));
    assertEquals("Retry all 3", retryAll.getText());
    retryAll.click();
    WebElement confirm =
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".confirm")));
    assertTrue(
        confirm.getText().startsWith("Retry all 3 jobs matching state=FAILED?"), confirm.getText());
    browser.driver.findElement(By.id("confirm-action")).click();
    browser.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("notice"), "Retry: 3 of 3 matching changed"));
    browser.until(d -> rows().isEmpty());

    // the retried jobs, running (held at the gate), then complete without a reload
    browser.driver.findElement(By.id("filter-name")).sendKeys("import");
    new Select(browser.driver.findElement(By.id("filter-state"))).selectByValue("");
    browser.driver.findElement(By.id("filter-apply")).click();
    browser.until(d -> rowsAre(3, "PROCESSING"));
    gate.countDown();
    browser.until(d -> rowsAre(3, "COMPLETE"));
    assertEquals(Boolean.TRUE, script("return window.dbqSameDocument === true;"));
    assertEquals(3, count(JobState.COMPLETE) - 2);
  }

  @Test
  void pausingAQueueFromItsPageStopsItsClaims() {
    TestJobs.GATE.set(new CountDownLatch(0));
    job(IMPORT).enqueue(db.dbq());
    awaitJobs("the job failed", () -> count(JobState.FAILED) == 1);

    db.dbq().queues().limit("mail", 5);

    browser.driver.get(url(writable) + "#/queues");
    assertEquals(
        "5",
        browser
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("tr[data-queue='mail'] input.limit")))
            .getAttribute("value"));
    By pause = By.cssSelector("tr[data-queue='imports'] button.pause");
    browser.until(ExpectedConditions.elementToBeClickable(pause)).click();
    browser.until(
        ExpectedConditions.textToBe(
            By.cssSelector("tr[data-queue='imports'] td.status"), "paused"));
    assertTrue(db.dbq().queues().get("imports").paused());
    browser.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("notice"), "Queue imports paused"));
    browser.screenshot("queues");

    UUID waiting = job(IMPORT).enqueue(db.dbq());
    assertEquals(JobState.NEW, db.dbq().findJob(waiting).orElseThrow().state());
    browser
        .until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("tr[data-queue='imports'] button.resume")))
        .click();
    browser.until(
        ExpectedConditions.textToBe(
            By.cssSelector("tr[data-queue='imports'] td.status"), "running"));
    awaitJobs("the resumed queue's job ran", () -> count(JobState.FAILED) == 2);
  }

  @Test
  void aReadOnlyDashboardShowsNoActionAndRefusesOneSentAnyway() {
    UUID failed = job(IMPORT).enqueue(db.dbq());
    awaitJobs("the job failed", () -> count(JobState.FAILED) == 1);

    browser.driver.get(url(readOnly) + "#/jobs?state=FAILED");
    browser.until(d -> rowsAre(1, "FAILED"));
    assertEquals("read-only", browser.driver.findElement(By.id("mode")).getText());
    assertFalse(browser.driver.findElement(By.cssSelector(".action-all-retry")).isEnabled());

    Object answer =
        ((JavascriptExecutor) browser.driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('api/jobs/retry', {method: 'POST', headers: {'Content-Type':"
                    + " 'application/json'}, body: JSON.stringify({ids: [arguments[0]]})})"
                    + ".then(async r => done(r.status + ' ' + (await r.json()).error));",
                failed.toString());

    assertTrue(
        String.valueOf(answer).startsWith("403 the dashboard is read-only"),
        String.valueOf(answer));
    assertEquals(JobState.FAILED, db.dbq().findJob(failed).orElseThrow().state());
  }

  @Test
  void aPostFromAnotherSitesPageIsRefused() throws Exception {
    UUID failed = job(IMPORT).enqueue(db.dbq());
    awaitJobs("the job failed", () -> count(JobState.FAILED) == 1);
    // the classic JSON CSRF: a text/plain form whose one field makes the body read as JSON
    String target = url(writable) + "api/jobs/retry";
    String page =
        "<!doctype html><form id=f method=POST enctype=text/plain action='"
            + target
            + "'><input type=hidden name='{\"filter\":\"state=FAILED\",\"x\":\"' value='\"}'>"
            + "</form><script>document.getElementById('f').submit()</script>";
    HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    evil.createContext(
        "/",
        exchange -> {
          byte[] body = page.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    evil.start();
    try {
      // localhost and 127.0.0.1 are different sites to the browser
      browser.driver.get("http://localhost:" + evil.getAddress().getPort() + "/");
      browser.until(d -> d.getCurrentUrl().startsWith(target));
      String shown = browser.driver.findElement(By.tagName("body")).getText();
      assertTrue(shown.contains("cross-site request refused (Sec-Fetch-Site: cross-site)"), shown);
    } finally {
      evil.stop(0);
    }
    assertEquals(JobState.FAILED, db.dbq().findJob(failed).orElseThrow().state());
  }

  @Test
  void aHostileWorkspaceAndErrorAreShownAsTextAndNeverRun() {
    String hostile = "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">";
    UUID id = job(HOSTILE, Map.of("note", hostile)).enqueue(db.dbq());
    awaitJobs("the job failed", () -> count(JobState.FAILED) == 1);

    browser.driver.get(url(writable) + "#/jobs/" + id);
    WebElement workspace =
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("workspace")));
    assertTrue(workspace.getText().contains(hostile.replace("\"", "\\\"")), workspace.getText());
    assertTrue(
        browser
            .driver
            .findElement(By.cssSelector("dl.facts"))
            .getText()
            .contains("<img src=x onerror=window.pwned=1>"));
    assertNull(script("return window.pwned;"), "no markup of the data ran");
    assertEquals(0L, script("return document.querySelectorAll('main img, main script').length;"));
  }

  @Test
  void updatesStopInABackgroundTabAndWhenPaused() {
    browser.driver.get(url(writable) + "#/");
    browser.until(d -> "live".equals(script("return document.body.dataset.updates;")));
    browser.until(
        d -> Integer.parseInt((String) script("return document.body.dataset.refreshes;")) >= 2);

    script(
        "Object.defineProperty(document, 'visibilityState', {configurable: true, get: () =>"
            + " 'hidden'}); document.dispatchEvent(new Event('visibilitychange'));");
    assertEquals("hidden", script("return document.body.dataset.updates;"));
    script(
        "Object.defineProperty(document, 'visibilityState', {configurable: true, get: () =>"
            + " 'visible'}); document.dispatchEvent(new Event('visibilitychange'));");
    assertEquals("live", script("return document.body.dataset.updates;"));

    browser.driver.findElement(By.id("live")).click();
    assertEquals("paused", script("return document.body.dataset.updates;"));
    assertEquals("Resume updates", browser.driver.findElement(By.id("live")).getText());
  }

  @Test
  void theOverviewChartsTheLastHoursStepRunsPerMinuteByOutcome() throws Exception {
    for (int i = 0; i < 4; i++) {
      job(TWO).enqueue(db.dbq());
    }
    UUID failed = job(IMPORT).enqueue(db.dbq());
    awaitJobs(
        "4 COMPLETE, 1 FAILED", () -> count(JobState.COMPLETE) == 4 && count(JobState.FAILED) == 1);
    // an hour of history as a busy worker leaves it: runs ending 1 to 59 minutes ago, more of them
    // lately, a failure now and then
    FreshDatabase.execute(
        db.url(),
        "INSERT INTO dbq_step_run (job_id, step_index, step_name, attempt, worker, started, ended,"
            + " outcome) SELECT '"
            + failed
            + "', 0, 'fetch', 1, 'worker-' || (m % 3), now() - make_interval(mins => m) -"
            + " interval '22 seconds', now() - make_interval(mins => m) - interval '20 seconds',"
            + " CASE WHEN k % 9 = 0 THEN 'FAILED' WHEN k % 7 = 0 THEN 'RETRIED' ELSE 'SUCCEEDED'"
            + " END FROM generate_series(1, 59) AS m, generate_series(1, 10 + (60 - m) / 3) AS k");

    browser.driver.get(url(writable) + "#/");
    browser.until(d -> d.findElements(By.cssSelector("figure.chart g.bucket")).size() == 60);
    // the bucket of ten minutes ago (its runs ended 10 min 20 s ago, well inside it): 10 + 50 / 3
    // = 26 runs, k = 9 and 18 failed, 7, 14 and 21 retried
    String tenMinutesAgo =
        (String)
            script(
                "return document.querySelectorAll('figure.chart g.bucket')[49]"
                    + ".querySelector('title').textContent;");
    assertTrue(
        tenMinutesAgo.endsWith(": 21 succeeded, 2 failed, 3 retried, 0 lost/stopped/cancelled"),
        tenMinutesAgo);
    assertEquals(
        "worker-0 worker-1 worker-2",
        script(
            "return [...document.querySelectorAll('section:last-child td.mono')]"
                + ".map(td => td.textContent).filter(w => w.startsWith('worker-')).join(' ');"));
    browser.screenshot("overview");
  }
}
