package com.cksconsole.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.deque.html.axecore.selenium.AxeBuilder;

import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.BrowserTest;

/**
 * The overview in Chromium at a desktop and a phone width: the header says which KMS, the
 * needs-attention list and the counts show, nothing scrolls sideways, and axe-core finds
 * no violation at all. Each run leaves a screenshot per width in
 * {@code target/screenshots/} (the ones in {@code docs/screenshots/} come from here).
 */
class OverviewBrowserTest extends BrowserTest {

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void seededStores() {
        SeededKeyStores.of(context).restorePaymentsHsm();
        context.getBean(KeyStoreReads.class).forgetSnapshot();
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = { 1366, 390 })
    void theOverviewFitsTheWidthSaysWhichKmsAndHasNoAccessibilityViolation(int width) throws Exception {
        signInAsAdmin();
        driver.manage().window().setSize(new Dimension(width, 900));
        driver.get(url("/"));
        await().until(d -> !d.findElements(By.cssSelector("[data-overview-part=counts]")).isEmpty());

        var header = driver.findElement(By.cssSelector(".site-context"));
        assertThat(header.isDisplayed()).isTrue();
        // All targets are chosen (the default): the header says so rather than name one
        // account.
        assertThat(header.getText()).contains("SANDBOX", "Targets all 7").doesNotContain("111122223333");
        List<WebElement> attention = driver.findElements(By.cssSelector(".attention"));
        assertThat(attention).extracting(item -> item.getDomAttribute("data-reason"))
            .contains("FAILED", "DISCONNECTED");
        assertThat(attention).allSatisfy(
                item -> assertThat(item.findElement(By.cssSelector(".attention__links a")).isDisplayed()).isTrue());

        var js = (JavascriptExecutor) driver;
        Long viewport = (Long) js.executeScript("return document.documentElement.clientWidth;");
        Long content = (Long) js.executeScript("return document.documentElement.scrollWidth;");
        assertThat(content).as("no sideways scrolling at %s px (viewport %s px)", width, viewport)
            .isLessThanOrEqualTo(viewport);

        var violations = new AxeBuilder().analyze(driver).getViolations();
        assertThat(violations).extracting(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp())
            .isEmpty();

        Path screenshots = Path.of("target", "screenshots");
        Files.createDirectories(screenshots);
        // The whole page, not just the first screen.
        Long height = (Long) js.executeScript("return document.documentElement.scrollHeight;");
        Long chrome = (Long) js.executeScript("return window.outerHeight - window.innerHeight;");
        driver.manage().window().setSize(new Dimension(width, (int) (height + chrome)));
        Files.write(screenshots.resolve("overview-" + width + ".png"),
                ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

}
