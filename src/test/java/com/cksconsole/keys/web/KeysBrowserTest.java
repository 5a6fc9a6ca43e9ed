package com.cksconsole.keys.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.BrowserTest;

/**
 * Creating a KMS key in an external key store and testing it with a round trip, in
 * headless Chromium at desktop (1366 px) and phone (390 px) width: from the store's page
 * to its Keys page, the create form (a refusal at its field first), the new key's page
 * and the round trip's result. axe-core on every page; no page wider than the window.
 */
class KeysBrowserTest extends BrowserTest {

    @Autowired
    ApplicationContext context;

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void removeCreatedKeysAndRestoreWindow() {
        driver.manage().window().setSize(new Dimension(1280, 1024));
        KeyPagesSupport.removeKeys(context, created);
        created.clear();
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = { 1366, 390 })
    void aKeyIsCreatedThenItsRoundTripMatches(int width) {
        String store = SeededKeyStores.PUBLIC_XKS;
        String alias = "alias/browser-" + UUID.randomUUID().toString().substring(0, 6);
        driver.manage().window().setSize(new Dimension(width, 900));
        signInAsAdmin();

        driver.get(url("/t/default/key-stores/" + store));
        driver.findElement(By.cssSelector("a[data-keys-tab]")).click();
        await().until(d -> d.getCurrentUrl().endsWith("/keys"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("KMS keys of");
        assertAccessible();
        assertFitsTheWindow();

        driver.findElement(By.cssSelector("a[data-create-key]")).click();
        await().until(d -> d.getCurrentUrl().endsWith("/keys/new"));
        assertAccessible();
        assertFitsTheWindow();

        driver.findElement(By.id("alias")).sendKeys(alias);
        driver.findElement(By.id("xksKeyId")).sendKeys("tenant-a-missing");
        driver.findElement(By.cssSelector("button[data-create-key-submit]")).click();
        await().until(d -> !d.findElements(By.id("xksKeyId-error")).isEmpty());
        assertThat(driver.findElement(By.id("xksKeyId-error")).getText())
            .contains("not found in the external key manager");
        assertThat(driver.findElement(By.id("alias")).getAttribute("value")).isEqualTo(alias);
        assertAccessible();
        assertFitsTheWindow();

        var external = driver.findElement(By.id("xksKeyId"));
        external.clear();
        external.sendKeys("tenant-a-aes-3");
        driver.findElement(By.cssSelector("button[data-create-key-submit]")).click();
        await().until(d -> d.getCurrentUrl().matches(".*/keys/[0-9a-f-]{36}$"));
        String url = driver.getCurrentUrl();
        created.add(url.substring(url.lastIndexOf('/') + 1));
        assertThat(driver.getPageSource()).contains(alias).contains("tenant-a-aes-3");
        assertAccessible();
        assertFitsTheWindow();

        driver.findElement(By.cssSelector("button[data-round-trip-button]")).click();
        await().until(d -> !d.findElements(By.cssSelector("[data-round-trip]")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("[data-round-trip]")).getAttribute("data-round-trip"))
            .isEqualTo("match");
        assertAccessible();
        assertFitsTheWindow();
    }

    private void assertFitsTheWindow() {
        long scroll = (Long) ((JavascriptExecutor) driver)
            .executeScript("return document.documentElement.scrollWidth;");
        long client = (Long) ((JavascriptExecutor) driver)
            .executeScript("return document.documentElement.clientWidth;");
        assertThat(scroll).as("the page's content fits its width on %s", driver.getCurrentUrl())
            .isLessThanOrEqualTo(client);
    }

}
