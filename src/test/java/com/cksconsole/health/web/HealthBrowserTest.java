package com.cksconsole.health.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.cksconsole.health.probe.ProbeRuns;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.BrowserTest;

/**
 * The dashboard and a store's health page in Chromium with what the probe jobs recorded
 * of the sandbox, at a desktop and a phone width: the grid and the graphs show, nothing
 * scrolls sideways, the window switch and the credential form work without script, and
 * axe-core finds no serious violation. Each run leaves screenshots in
 * {@code target/screenshots/}.
 */
class HealthBrowserTest extends BrowserTest {

    private static final String PAGE = "/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS + "/health";

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void probed() {
        ProbeRuns.runDueJobs(context);
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = { 1366, 390 })
    void theDashboardListsTheStoresAndFitsTheWidth(int width) throws Exception {
        signInAsAdmin();
        driver.manage().window().setSize(new Dimension(width, 900));
        driver.get(url("/health"));
        await().until(d -> !d.findElements(By.cssSelector("[data-health-counts]")).isEmpty());
        var row = driver
            .findElement(By.cssSelector("tr[data-store='" + SeededKeyStores.PUBLIC_XKS + "'] [data-health-level]"));
        assertThat(row.isDisplayed()).isTrue();
        assertThat(row.getText()).isIn("Healthy", "At risk", "Failing", "Unknown");
        fitsAndIsAccessible(width);
        screenshot("health-dashboard-" + width);
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = { 1366, 390 })
    void theStorePageDrawsItsGraphsAndFitsTheWidth(int width) throws Exception {
        signInAsAdmin();
        driver.manage().window().setSize(new Dimension(width, 900));
        driver.get(url(PAGE));
        var state = await().until(d -> d.findElement(By.cssSelector("#graph-state svg[role=img]")));
        assertThat(state.isDisplayed()).isTrue();
        assertThat(state.getSize().getWidth()).as("the graph takes its column's width").isGreaterThan(200);
        assertThat(driver.findElements(By.cssSelector("#graph-state rect.chart__band"))).isNotEmpty();
        fitsAndIsAccessible(width);
        screenshot("health-store-" + width);
    }

    @Test
    void theWindowSwitchIsAPlainLink() {
        signInAsAdmin();
        driver.get(url(PAGE));
        driver.findElement(By.linkText("7 days")).click();
        await().until(d -> d.getCurrentUrl().endsWith("window=7d"));
        assertThat(driver.findElement(By.cssSelector(".window-switch [aria-current=page]")).getText())
            .isEqualTo("7 days");
    }

    @Test
    void aRefusedCredentialKeepsTheAccessKeyIdAndNotTheSecret() {
        signInAsAdmin();
        driver.get(url(PAGE));
        driver.findElement(By.id("accessKeyId")).sendKeys("TOOSHORT");
        driver.findElement(By.id("secretAccessKey")).sendKeys("c2VjcmV0LWJyb3dzZXItdGVzdC1tb25pdG9yaW5nLTEyMzQ1");
        driver.findElement(By.cssSelector("[data-credential-form] button[type=submit]")).click();
        var error = await().until(d -> d.findElement(By.id("accessKeyId-error")));
        assertThat(error.getText()).contains(CredentialForm.ACCESS_KEY_ID_RULE);
        assertThat(driver.findElement(By.id("accessKeyId")).getDomProperty("value")).isEqualTo("TOOSHORT");
        assertThat(driver.findElement(By.id("secretAccessKey")).getDomProperty("value")).isEmpty();
    }

    private void fitsAndIsAccessible(int width) {
        var js = (JavascriptExecutor) driver;
        Long viewport = (Long) js.executeScript("return document.documentElement.clientWidth;");
        Long content = (Long) js.executeScript("return document.documentElement.scrollWidth;");
        assertThat(content).as("no sideways scrolling at %s px (viewport %s px)", width, viewport)
            .isLessThanOrEqualTo(viewport);
        assertAccessible();
    }

    private void screenshot(String name) throws Exception {
        Path screenshots = Path.of("target", "screenshots");
        Files.createDirectories(screenshots);
        var js = (JavascriptExecutor) driver;
        Long height = (Long) js.executeScript("return document.documentElement.scrollHeight;");
        Long chrome = (Long) js.executeScript("return window.outerHeight - window.innerHeight;");
        driver.manage()
            .window()
            .setSize(new Dimension(driver.manage().window().getSize().getWidth(), (int) (height + chrome)));
        Files.write(screenshots.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

}
