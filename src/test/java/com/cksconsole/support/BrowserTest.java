package com.cksconsole.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * Base of the browser tier: the application on a random port, driven by Debian's headless
 * Chromium ({@code /usr/bin/chromium}) through its ChromeDriver
 * ({@code /usr/bin/chromedriver}). Nothing is downloaded: without those binaries the
 * tests are skipped with a reason (a failure under CONSOLE_TEST_REQUIRE_ALL=true). One
 * browser per test class; {@link #assertAccessible()} runs axe-core on the current page.
 */
@ConsoleApplicationTest
public abstract class BrowserTest {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final Duration WAIT = Duration.ofSeconds(10);

    protected static WebDriver driver;

    @LocalServerPort
    protected int port;

    @BeforeAll
    static void startBrowser() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            TestEnvironment.unavailable("browser", "Debian chromium and chromium-driver are not installed (" + CHROMIUM
                    + ", " + CHROMEDRIVER + "), so the browser tests did not run");
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1024",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /**
     * A wait that also rides over an element going stale: pages that follow a change
     * reload themselves, so an element found a moment ago may belong to the previous page
     * when it is read.
     */
    protected WebDriverWait waitUpTo(Duration timeout) {
        var wait = new WebDriverWait(driver, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    protected WebDriverWait await() {
        return waitUpTo(WAIT);
    }

    /** Signs in through the login page; returns on the first page after sign-in. */
    protected void signIn(String username, String password) {
        driver.manage().deleteAllCookies();
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form.form button[type=submit]")).click();
        await().until(d -> !d.getCurrentUrl().contains("/login"));
    }

    protected void signInAsAdmin() {
        signIn("admin", ConsoleApplicationTest.ADMIN_PASSWORD);
    }

    /** Fails on any serious or critical axe-core violation of the current page. */
    protected void assertAccessible() {
        var results = new AxeBuilder().analyze(driver);
        List<Rule> severe = results.getViolations()
            .stream()
            .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
            .toList();
        assertThat(severe).as("serious or critical accessibility violations on %s", driver.getCurrentUrl())
            .extracting(rule -> rule.getId() + ": " + rule.getHelp())
            .isEmpty();
    }

}
