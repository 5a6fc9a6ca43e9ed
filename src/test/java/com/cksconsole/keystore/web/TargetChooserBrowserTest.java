package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import com.cksconsole.support.BrowserTest;

/**
 * The fleet as an operator meets it, in headless Chromium at desktop (1366 px) and phone
 * (390 px) width: the header's target chooser switches between all targets and one; the
 * list across targets names each store's target, account and Region and counts each
 * target against its quota; the same store ID in production and staging opens the right
 * store of the right target; the choice is kept for the overview. axe-core on each page.
 */
class TargetChooserBrowserTest extends BrowserTest {

    /** Seeded in production eu-west-1 (prod-eu-ekm) and in staging eu-west-1. */
    private static final String SHARED_ID = "cks-1a2b3c4d5e6f70819";

    @BeforeEach
    void signInAsAdministrator() {
        signInAsAdmin();
    }

    @AfterEach
    void chooseAllTargetsAgainAndRestoreTheWindow() {
        driver.get(url("/key-stores?target=all"));
        driver.manage().window().setSize(new Dimension(1280, 1024));
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = { 1366, 390 })
    void theChooserSwitchesBetweenAllTargetsAndOne(int width) {
        driver.manage().window().setSize(new Dimension(width, 900));
        driver.get(url("/"));
        choose("all");

        assertThat(driver.getCurrentUrl()).contains("/key-stores");
        List<String> summaryRows = texts("table.target-summary tbody tr th");
        assertThat(summaryRows).as("every seeded target, each against its quota")
            .contains("Sandbox", "Production (eu-west-1)", "Staging (eu-west-1)");
        assertThat(text("table.target-summary")).contains("of 10");
        String list = text("table:not(.target-summary)");
        assertThat(list).as("stores of several accounts in one list")
            .contains("finance-hsm-primary", "prod-eu-ekm", "staging-eu-ekm", "444455556666", "555566667777");
        assertNoHorizontalOverflow(width);
        assertAccessible();

        choose("staging-eu");
        String staging = text("main");
        assertThat(staging).as("only staging eu-west-1").contains("staging-eu-ekm").doesNotContain("prod-eu-ekm");
        assertThat(selectedTarget()).isEqualTo("staging-eu");
        driver.findElement(By.linkText("staging-eu-ekm")).click();

        await().until(d -> d.getCurrentUrl().endsWith("/t/staging-eu/key-stores/" + SHARED_ID));
        String page = text("main");
        assertThat(page).as("the store page names its target").contains("staging-eu-ekm", "555566667777", "eu-west-1");
        assertThat(page).doesNotContain("prod-eu-ekm");
        assertNoHorizontalOverflow(width);
        assertAccessible();

        driver.get(url("/"));
        assertThat(selectedTarget()).as("the choice is kept for the overview").isEqualTo("staging-eu");
        assertThat(text("main")).contains("staging-eu-ekm").doesNotContain("finance-hsm-primary");
        assertAccessible();
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = { 1366, 390 })
    void theSameIdInProductionOpensProductionsStore(int width) {
        driver.manage().window().setSize(new Dimension(width, 900));
        driver.get(url("/key-stores?target=prod-eu"));
        driver.findElement(By.linkText("prod-eu-ekm")).click();

        await().until(d -> d.getCurrentUrl().endsWith("/t/prod-eu/key-stores/" + SHARED_ID));
        assertThat(text("main")).contains("prod-eu-ekm", "444455556666").doesNotContain("staging-eu-ekm");
        assertNoHorizontalOverflow(width);
    }

    /** Chooses a target (its name, or "all") in the header and presses Show. */
    private void choose(String name) {
        new Select(driver.findElement(By.id("target-chooser"))).selectByValue(name);
        WebElement show = driver.findElement(By.cssSelector("form.target-chooser button[type=submit]"));
        show.click();
        await().until(d -> d.getCurrentUrl().contains("target=" + name) && selectedTarget().equals(name));
    }

    private String selectedTarget() {
        return new Select(driver.findElement(By.id("target-chooser"))).getFirstSelectedOption()
            .getDomAttribute("value");
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    private List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(e -> e.getText().strip()).toList();
    }

    private void assertNoHorizontalOverflow(int width) {
        long scrollWidth = ((Number) ((JavascriptExecutor) driver)
            .executeScript("return document.documentElement.scrollWidth")).longValue();
        long viewport = ((Number) ((JavascriptExecutor) driver).executeScript("return window.innerWidth")).longValue();
        assertThat(scrollWidth).as("the page scrolls sideways at %d px", width).isLessThanOrEqualTo(viewport);
    }

}
