package dev.tally.cli.adminui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by the system's chromedriver. When either is missing the calling test
 * is skipped with a message, or fails when {@value #REQUIRED_VARIABLE}{@code =required} (as
 * {@code .ci/run} sets it). Not thread-safe: one test at a time.
 */
final class Browser implements AutoCloseable {
  static final String REQUIRED_VARIABLE = "TALLY_TEST_BROWSER";
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Where screenshots go. */
  static final Path SCREENSHOTS = Path.of("target", "admin-ui");

  private static final Duration WAIT = Duration.ofSeconds(15);

  private final ChromeDriver driver;
  private final Path downloads;

  private Browser(ChromeDriver driver, Path downloads) {
    this.driver = driver;
    this.downloads = downloads;
  }

  /** Starts a browser, or skips (fails, when required) if Chromium or its driver is missing. */
  static Browser start(Path workDir) throws IOException {
    requireInstalled();
    Path profile = Files.createTempDirectory(workDir, "chromium-profile");
    Path downloads = Files.createDirectories(workDir.resolve("downloads"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=1366,900",
        "--lang=en-US");
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory", downloads.toAbsolutePath().toString(),
            "download.prompt_for_download", false));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new Browser(new ChromeDriver(service, options), downloads);
  }

  private static void requireInstalled() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return;
    }
    String message =
        "the admin UI's browser tests need "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " (apt-get install chromium chromium-driver); they are skipped. Set "
            + REQUIRED_VARIABLE
            + "=required to make them required, as .ci/run does.";
    if ("required".equals(System.getenv(REQUIRED_VARIABLE))) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message);
  }

  WebDriver driver() {
    return driver;
  }

  Path downloads() {
    return downloads;
  }

  void open(String url) {
    driver.get(url);
  }

  void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  WebElement find(By by) {
    return waitFor(d -> d.findElement(by));
  }

  List<WebElement> findAll(By by) {
    return driver.findElements(by);
  }

  /** Waits until the condition gives something other than null or false. */
  <T> T waitFor(Function<WebDriver, T> condition) {
    ExpectedCondition<T> expected = condition::apply;
    return new WebDriverWait(driver, WAIT)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(expected);
  }

  /** Waits until the element's text contains {@code text}, and returns the element. */
  WebElement waitForText(By by, String text) {
    return waitFor(d -> {
      WebElement element = d.findElement(by);
      return element.getText().contains(text) ? element : null;
    });
  }

  Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Saves a screenshot of the window as {@code target/admin-ui/<name>.png}. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      assertThat(Files.size(file)).as(file.toString()).isPositive();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Saves a screenshot of the whole page (the window made as tall as the page, then restored). */
  Path screenshotWholePage(String name) {
    Dimension size = driver.manage().window().getSize();
    long height = (Long) script("return document.documentElement.scrollHeight");
    resize(size.getWidth(), (int) Math.min(height + 100, 4000));
    try {
      return screenshot(name);
    } finally {
      driver.manage().window().setSize(size);
    }
  }

  /** The console's messages since the last call. */
  List<LogEntry> consoleLog() {
    return driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
