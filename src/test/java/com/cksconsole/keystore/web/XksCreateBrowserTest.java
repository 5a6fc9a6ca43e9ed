package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.KmsClient;

import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.internal.KeyStoreServices;
import com.cksconsole.support.BrowserTest;

/**
 * The external key store wizard in headless Chromium at a laptop's width (1366 px) and a
 * phone's (390 px), axe-core on every step: from the list's "Create key store" through
 * the five steps, with the credential imported from the proxy configuration file, to the
 * new store's page and its "Connect now".
 */
class XksCreateBrowserTest extends BrowserTest {

    @Autowired
    ApplicationContext context;

    @AfterEach
    void deleteCreatedStores() {
        KmsClient kms = KeyStoreServices.defaultClient(context);
        for (var store : kms.describeCustomKeyStores(r -> r.limit(100)).customKeyStores()) {
            if (store.customKeyStoreName().startsWith("ekm-browser-")) {
                kms.deleteCustomKeyStore(r -> r.customKeyStoreId(store.customKeyStoreId()));
            }
        }
        context.getBean(KeyStoreReads.class).forgetSnapshot();
        driver.manage().window().setSize(new Dimension(1366, 900));
    }

    @ParameterizedTest
    @ValueSource(ints = { 1366, 390 })
    void anOperatorCreatesAnExternalKeyStoreStepByStep(int width) throws Exception {
        driver.manage().window().setSize(new Dimension(width, 900));
        signInAsAdmin();
        String name = "ekm-browser-" + UUID.randomUUID().toString().substring(0, 8);

        driver.get(url("/t/default/key-stores"));
        driver.findElement(By.linkText("Create an external key store")).click();
        await().until(d -> d.getCurrentUrl().endsWith("/name"));
        checkPage();
        driver.findElement(By.id("customKeyStoreName")).sendKeys(name);
        button("Next: connectivity").click();

        await().until(d -> d.getCurrentUrl().endsWith("/connectivity"));
        checkPage();
        driver.findElement(By.id("xksProxyConnectivity")).click();
        button("Next: proxy").click();

        await().until(d -> d.getCurrentUrl().endsWith("/proxy"));
        checkPage();
        driver.findElement(By.id("file")).sendKeys(fixture(ImportFixtures.TENANT_B).toString());
        button("Import the file").click();
        await().until(d -> d.getPageSource().contains("imported from"));
        checkPage();
        assertThat(driver.findElement(By.id("xksProxyUriPath")).getAttribute("value"))
            .isEqualTo("/tenant-b/kms/xks/v1");
        assertThat(
                driver.findElement(By.id("xksProxyAuthenticationCredential.rawSecretAccessKey")).getAttribute("value"))
            .isEmpty();
        assertThat(driver.findElement(By.id("secret-held")).getText()).contains("is set");
        driver.findElement(By.id("xksProxyUriEndpoint")).sendKeys("https://xks-public.sandbox.example.com");
        button("Next: run the pre-flight check").click();

        await().until(d -> d.getCurrentUrl().endsWith("/preflight"));
        checkPage();
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Reachable and healthy.");
        driver.findElement(By.linkText("Next: review")).click();

        await().until(d -> d.getCurrentUrl().endsWith("/review"));
        checkPage();
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(name).contains("SANDBOXTENANTBKEYID234");
        assertThat(driver.getPageSource()).doesNotContain(SeededKeyStores.TENANT_B_SECRET);
        button("Create the key store").click();

        await().until(d -> d.getCurrentUrl().matches(".*/t/default/key-stores/cks-[0-9a-f]+$"));
        checkPage();
        assertThat(driver.findElement(By.linkText("Connect now")).isDisplayed()).isTrue();
    }

    private void checkPage() {
        assertAccessible();
        long overflow = (Long) ((JavascriptExecutor) driver)
            .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("no sideways scrolling on " + driver.getCurrentUrl()).isLessThanOrEqualTo(0);
    }

    private WebElement button(String text) {
        return driver.findElements(By.cssSelector("main button"))
            .stream()
            .filter(b -> text.equals(b.getText().strip()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no button " + text));
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(XksCreateBrowserTest.class.getResource("/proxy-config/" + name).toURI());
    }

}
