package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;

import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.BrowserTest;

/**
 * A guided change in headless Chromium, from the edit page through the review (with the
 * XKS pre-flight check) to the status page, which its script follows until the store is
 * CONNECTED again; axe-core on every page.
 */
class GuidedChangeBrowserTest extends BrowserTest {

    static final String LAB = "https://xks-lab.sandbox.example.com";

    @Autowired
    ApplicationContext context;

    private SeededKeyStores sandbox;

    @BeforeEach
    void signInAsOperator() {
        sandbox = SeededKeyStores.of(context);
        signInAsAdmin();
    }

    @AfterEach
    void restoreSeededStores() {
        sandbox.restorePublicXks();
    }

    @Test
    void anEndpointChangeRunsFromTheReviewToConnectedAgain() {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
        String detail = url("/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS);
        driver.get(detail);
        assertThat(text(".title-with-badge")).contains("CONNECTED");
        assertAccessible();

        driver.findElement(By.linkText("Disconnect…")).click();
        await().until(d -> d.getCurrentUrl().endsWith("/disconnect"));
        assertThat(text("main")).contains("Every KMS key in this key store becomes unusable");
        assertAccessible();
        driver.findElement(By.linkText("Cancel")).click();
        await().until(d -> d.getCurrentUrl().equals(detail));

        driver.findElement(By.linkText("Edit this key store")).click();
        await().until(d -> d.getCurrentUrl().endsWith("/edit"));
        var endpoint = driver.findElement(By.id("xksProxyUriEndpoint"));
        assertThat(endpoint.getDomAttribute("readonly")).as("editable through a guided change").isNull();
        assertAccessible();
        endpoint.clear();
        endpoint.sendKeys(LAB);
        driver
            .findElement(
                    By.cssSelector("form[action$='/edit/xks'] button[type=submit]:not([hidden]):not([formaction])"))
            .click();

        await().until(d -> d.getCurrentUrl().contains("/review/"));
        assertThat(text("#guided-title")).contains("needs the key store DISCONNECTED");
        assertAccessible();
        driver.findElement(By.id("currentSecret")).sendKeys(SeededKeyStores.TENANT_A_SECRET);
        driver.findElement(By.cssSelector("form[action$='/preflight'] button[type=submit]")).click();
        await().until(d -> !d.findElements(By.cssSelector(".preflight-result")).isEmpty());
        assertThat(text(".preflight-result")).contains("Reachable and healthy.").contains("ACTIVE");
        assertThat(driver.findElement(By.id("currentSecret")).getDomProperty("value")).isEmpty();
        assertAccessible();

        driver.findElement(By.id("reason")).sendKeys("CHG-7007 move to the lab proxy");
        driver.findElement(By.cssSelector("button[value='RECONNECT']")).click();
        await().until(d -> d.getCurrentUrl().contains("/runs/"));
        assertAccessible();

        waitUpTo(Duration.ofSeconds(20)).until(d -> text("[data-live-run-status]").equals("Completed"));
        assertThat(text("main")).contains("The update was applied and the key store is CONNECTED again")
            .contains("CHG-7007 move to the lab proxy");
        assertThat(driver.findElements(By.cssSelector("[data-step-status='DONE']"))).hasSize(6);
        assertAccessible();
        var described = sandbox.describe(SeededKeyStores.PUBLIC_XKS);
        assertThat(described.connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(described.xksProxyConfiguration().uriEndpoint()).isEqualTo(LAB);
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

}
