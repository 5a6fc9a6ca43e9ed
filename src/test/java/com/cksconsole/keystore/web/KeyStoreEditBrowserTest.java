package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;

import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.BrowserTest;

/**
 * The edit flows in headless Chromium against the KMS sandbox, with axe-core on every
 * page visited.
 */
class KeyStoreEditBrowserTest extends BrowserTest {

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
        sandbox.restorePaymentsHsm();
    }

    @Test
    void aConnectedExternalKeyStoreIsRenamed() {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
        driver.get(url("/key-stores"));
        assertAccessible();
        driver.findElement(By.linkText("ekm-public-tenant-a")).click();
        await().until(d -> d.getCurrentUrl().endsWith("/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS));
        assertAccessible();
        driver.findElement(By.linkText("Edit this key store")).click();
        await().until(d -> d.getCurrentUrl().endsWith("/edit"));
        assertAccessible();

        var name = driver.findElement(By.id("newCustomKeyStoreName"));
        name.clear();
        name.sendKeys("ekm-public-renamed-in-browser");
        submit("/edit/");

        await().until(d -> d.getCurrentUrl().contains("/review/"));
        assertThat(text("main")).contains("ekm-public-tenant-a").contains("ekm-public-renamed-in-browser");
        assertAccessible();
        driver.findElement(By.id("reason")).sendKeys("CHG-3003 rename");
        submit("/review/");

        await().until(d -> d.getCurrentUrl().endsWith("/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS));
        assertThat(text(".outcome")).contains("ekm-public-renamed-in-browser")
            .contains("CHG-3003 rename")
            .contains("five minutes");
        assertThat(text("h1")).isEqualTo("ekm-public-renamed-in-browser");
        assertAccessible();
        assertThat(sandbox.describe(SeededKeyStores.PUBLIC_XKS).customKeyStoreName())
            .isEqualTo("ekm-public-renamed-in-browser");
    }

    @Test
    void anEndpointChangeOfAFailedStoreIsLockedAndRefusedWhenForced() {
        // ekm-lab-slow, seeded FAILED: a connected store's endpoint changes through a
        // guided change instead.
        String failed = "cks-a4c7e2f9b6d1380f2";
        driver.get(url("/t/default/key-stores/" + failed + "/edit"));
        var endpoint = driver.findElement(By.id("xksProxyUriEndpoint"));
        assertThat(endpoint.getDomAttribute("readonly")).isNotNull();
        assertThat(text("#nothing-can-change")).contains("FAILED: nothing can change until you disconnect it.");
        assertThat(driver.findElements(By.cssSelector(".field__locked"))).as("said once, not under each field")
            .isEmpty();
        assertAccessible();

        // A tampered page: the server still refuses.
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].removeAttribute('readonly');"
                        + "document.querySelectorAll('button[disabled]').forEach(b => b.removeAttribute('disabled'));",
                endpoint);
        endpoint.clear();
        endpoint.sendKeys("https://xks-public.sandbox.example.com");
        submit("/edit/");

        await().until(d -> !d.findElements(By.cssSelector(".error-summary")).isEmpty());
        assertThat(driver.switchTo().activeElement()).as("focus on the error summary")
            .isEqualTo(driver.findElement(By.cssSelector(".error-summary")));
        assertThat(text("#xksProxyUriEndpoint-error"))
            .contains("KMS accepts a new proxy URI endpoint only while the key store is DISCONNECTED");
        assertAccessible();
        assertThat(sandbox.describe(failed).xksProxyConfiguration().uriEndpoint())
            .isEqualTo("https://xks-lab.sandbox.example.com");
    }

    @Test
    void aValidationErrorKeepsTheOtherInput() {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
        driver.get(url("/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS + "/edit"));
        var name = driver.findElement(By.id("newCustomKeyStoreName"));
        name.clear();
        name.sendKeys("kept-while-the-path-is-wrong");
        var path = driver.findElement(By.id("xksProxyUriPath"));
        path.clear();
        path.sendKeys("/tenant-a/kms/xks/v1/");
        driver.findElement(By.id("xksProxyAuthenticationCredential.rawSecretAccessKey"))
            .sendKeys(SeededKeyStores.TENANT_A_SECRET);
        submit("/edit/");

        await().until(d -> !d.findElements(By.cssSelector(".error-summary")).isEmpty());
        assertThat(driver.findElement(By.id("newCustomKeyStoreName")).getDomProperty("value"))
            .isEqualTo("kept-while-the-path-is-wrong");
        assertThat(driver.findElement(By.id("xksProxyUriPath")).getDomAttribute("aria-describedby"))
            .contains("xksProxyUriPath-error");
        assertThat(driver.findElement(By.id("xksProxyAuthenticationCredential.rawSecretAccessKey"))
            .getDomProperty("value")).as("secrets are never filled back in").isEmpty();
        assertThat(driver.getPageSource()).doesNotContain(SeededKeyStores.TENANT_A_SECRET);

        driver.findElement(By.cssSelector(".error-summary a[href='#xksProxyUriPath']")).click();
        assertThat(driver.switchTo().activeElement()).isEqualTo(driver.findElement(By.id("xksProxyUriPath")));
        assertAccessible();
    }

    @Test
    void theKmsuserPasswordOfADisconnectedCloudHsmStoreIsChanged() {
        sandbox.ensureDisconnected(SeededKeyStores.PAYMENTS_HSM);
        String password = "BrowserTyped2026";
        driver.get(url("/t/default/key-stores/" + SeededKeyStores.PAYMENTS_HSM + "/edit"));
        assertAccessible();
        driver.findElement(By.id("keyStorePassword")).sendKeys(password);
        submit("/edit/");

        await().until(d -> d.getCurrentUrl().contains("/review/"));
        assertThat(text("main")).contains(ReviewLine.NEW_PASSWORD).doesNotContain(password);
        assertThat(driver.getPageSource()).doesNotContain(password);
        assertAccessible();
        submit("/review/");

        await().until(d -> d.getCurrentUrl().endsWith("/t/default/key-stores/" + SeededKeyStores.PAYMENTS_HSM));
        assertThat(text(".outcome")).contains("KMS accepted the change");
        assertThat(driver.getPageSource()).doesNotContain(password);
        assertAccessible();
        assertThat(sandbox.describe(SeededKeyStores.PAYMENTS_HSM).connectionState())
            .isEqualTo(ConnectionStateType.DISCONNECTED);
    }

    /**
     * Presses the form's main button ("Review the change", "Apply the change"), not one
     * with its own action.
     */
    private void submit(String formAction) {
        driver
            .findElement(By.cssSelector(
                    "form[action*='" + formAction + "'] " + "button[type=submit]:not([hidden]):not([formaction])"))
            .click();
    }

    private String text(String css) {
        WebElement element = driver.findElement(By.cssSelector(css));
        return element.getText();
    }

}
