package dev.dbq.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through {@code /usr/bin/chromedriver}: both named outright,
 * so Selenium Manager never looks for (or downloads) a driver or a browser. Without chromedriver
 * the browser tests are skipped with a message, unless {@code DBQ_BROWSER_TESTS=required} (as
 * {@code .ci/run} sets it): then they fail.
 */
final class Browser
    implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, TestWatcher {
  /** Debian's, unless {@code -Ddbq.chromedriver=PATH} names another. */
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("dbq.chromedriver", "/usr/bin/chromedriver"));

  /** Debian's, unless {@code -Ddbq.chromium=PATH} names another. */
  static final Path CHROMIUM = Path.of(System.getProperty("dbq.chromium", "/usr/bin/chromium"));

  static final Duration BOUND = Duration.ofSeconds(20);

  WebDriver driver;
  private ChromeDriverService service;

  /** Skips the tests, saying why, when the browser is missing, unless they are required. */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (present()) {
      return ConditionEvaluationResult.enabled("chromium and chromedriver are installed");
    }
    String message =
        "the browser tests need Debian's chromium and chromium-driver ("
            + CHROMIUM
            + ", "
            + CHROMEDRIVER
            + "): apt-get install chromium chromium-driver";
    if ("required".equals(System.getProperty("dbq.browser.tests"))) {
      throw new IllegalStateException("DBQ_BROWSER_TESTS=required, but " + message);
    }
    return ConditionEvaluationResult.disabled("skipped: " + message);
  }

  private static boolean present() {
    return Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    System.setProperty("SE_OFFLINE", "true");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1360,900",
        "--force-device-scale-factor=1",
        "--lang=en-GB");
    driver = new ChromeDriver(service, options);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (driver != null) {
      driver.quit();
    }
    if (service != null) {
      service.stop();
    }
  }

  /** Keeps what the browser showed when a test failed: target/browser-failures/TEST.png, .html. */
  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    if (driver == null) {
      return;
    }
    Path dir = Path.of(System.getProperty("basedir", ".")).resolve("target/browser-failures");
    String name = context.getRequiredTestMethod().getName();
    try {
      Files.createDirectories(dir);
      Files.write(
          dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      Files.writeString(dir.resolve(name + ".html"), driver.getPageSource());
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /** Waits, at most {@link #BOUND}, for the page to meet a condition. */
  <T> T until(Function<WebDriver, T> condition) {
    // The live pages re-render their tables on every refresh: an element read in one evaluation
    // can be replaced before the next call on it. That is "not yet" (the condition is asked
    // again of the fresh page), not a failure.
    return new WebDriverWait(driver, BOUND)
        .ignoring(StaleElementReferenceException.class)
        .until(condition::apply);
  }

  /** Writes what the browser shows to {@code docs/images/NAME.png} of the repository. */
  void screenshot(String name) {
    Path dir = Path.of(System.getProperty("basedir", ".")).resolve("../docs/images").normalize();
    try {
      Files.createDirectories(dir);
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(dir.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
