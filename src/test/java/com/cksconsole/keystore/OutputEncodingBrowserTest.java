package com.cksconsole.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreType;
import software.amazon.awssdk.services.kms.model.XksProxyConnectivityType;

import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.support.BrowserTest;

/**
 * Key stores with hostile names show as plain text on every page that shows them, and no
 * script runs: Thymeleaf escapes every value ({@code th:text}, never {@code th:utext})
 * and the Content-Security-Policy would block an inline script anyway. The stores are
 * created through the SDK in the sandbox and deleted afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutputEncodingBrowserTest extends BrowserTest {

    static final String SCRIPT_NAME = "<script>alert(1)</script>";
    static final String IMG_NAME = "<img src=x onerror=alert(3)>";
    static final String ATTRIBUTE_NAME = "\" onmouseover=\"alert(2)\" x=\"";

    private static final String KEY = "SANDBOXENCODINGKEYID23";

    private static final String SECRET = "ZW5jb2RpbmctdGVzdC1zYW5kYm94LW5vdC1hLXJlYWwtc2VjcmV0";

    @Autowired
    ApplicationContext context;

    private KmsClient kms;

    private String scriptStore;

    private String attributeStore;

    @BeforeAll
    void createHostileStores() {
        kms = com.cksconsole.keystore.internal.KeyStoreServices.defaultClient(context);
        // Endpoint and path together must be unique: same registered path, two sandbox
        // host names.
        scriptStore = create(SCRIPT_NAME, "https://xks-lab.sandbox.example.com");
        attributeStore = create(ATTRIBUTE_NAME, "https://xks-public.sandbox.example.com");
        context.getBean(KeyStoreReads.class).forgetSnapshot();
    }

    private String create(String name, String endpoint) {
        return kms
            .createCustomKeyStore(r -> r.customKeyStoreName(name)
                .customKeyStoreType(CustomKeyStoreType.EXTERNAL_KEY_STORE)
                .xksProxyConnectivity(XksProxyConnectivityType.PUBLIC_ENDPOINT)
                .xksProxyUriEndpoint(endpoint)
                .xksProxyUriPath("/output-encoding-test/kms/xks/v1")
                .xksProxyAuthenticationCredential(c -> c.accessKeyId(KEY).rawSecretAccessKey(SECRET)))
            .customKeyStoreId();
    }

    /**
     * Tests see the stores under their hostile names, whatever a test renamed them to.
     */
    @AfterEach
    void restoreNames() {
        kms.updateCustomKeyStore(r -> r.customKeyStoreId(scriptStore).newCustomKeyStoreName(SCRIPT_NAME));
        kms.updateCustomKeyStore(r -> r.customKeyStoreId(attributeStore).newCustomKeyStoreName(ATTRIBUTE_NAME));
        context.getBean(KeyStoreReads.class).forgetSnapshot();
    }

    @AfterAll
    void deleteHostileStores() {
        for (String id : new String[] { scriptStore, attributeStore }) {
            if (id != null) {
                kms.deleteCustomKeyStore(r -> r.customKeyStoreId(id));
            }
        }
        context.getBean(KeyStoreReads.class).forgetSnapshot();
    }

    private void assertNoScriptRan() {
        try {
            driver.switchTo().alert();
            throw new AssertionError("a script from a key store name ran on " + driver.getCurrentUrl());
        }
        catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }

    private void assertShownAsText(String name) {
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(name);
        assertThat(driver.getPageSource()).doesNotContain(SCRIPT_NAME);
        assertNoScriptRan();
    }

    @Test
    void hostileNamesAreTextOnEveryPageThatShowsThem() {
        signInAsAdmin();
        for (String page : List.of("/", "/key-stores", "/key-stores?name=%3Cscript%3E")) {
            driver.get(url(page));
            assertShownAsText(SCRIPT_NAME);
        }
        driver.get(url("/key-stores"));
        assertShownAsText(ATTRIBUTE_NAME);
        // Hovering the link would fire an injected onmouseover: the attribute must not
        // exist.
        var link = driver.findElement(By.linkText(ATTRIBUTE_NAME));
        assertThat(link.getDomAttribute("onmouseover")).isNull();

        for (String id : new String[] { scriptStore, attributeStore }) {
            driver.get(url("/t/default/key-stores/" + id));
            assertShownAsText(id.equals(scriptStore) ? SCRIPT_NAME : ATTRIBUTE_NAME);
            assertAccessible();
            driver.get(url("/t/default/key-stores/" + id + "/edit"));
            assertNoScriptRan();
            assertThat(driver.findElement(By.id("newCustomKeyStoreName")).getDomProperty("value"))
                .isEqualTo(id.equals(scriptStore) ? SCRIPT_NAME : ATTRIBUTE_NAME);
        }
    }

    @Test
    void aHostileNewNameIsTextOnTheReviewPage() {
        signInAsAdmin();
        driver.get(url("/t/default/key-stores/" + scriptStore + "/edit"));
        var name = driver.findElement(By.id("newCustomKeyStoreName"));
        name.clear();
        name.sendKeys(IMG_NAME);
        driver.findElement(By.xpath("//button[normalize-space()='Review the change']")).click();
        await().until(d -> d.getCurrentUrl().contains("/review/"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(IMG_NAME);
        assertThat(driver.findElements(By.cssSelector("main img"))).isEmpty();
        assertNoScriptRan();

        // Applied, the hostile name reaches the detail page's history and the audit log's
        // pages as text.
        driver.findElement(By.xpath("//button[normalize-space()='Apply the change']")).click();
        await().until(d -> d.getCurrentUrl().endsWith("/t/default/key-stores/" + scriptStore));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(IMG_NAME);
        assertThat(driver.findElements(By.cssSelector("main img"))).isEmpty();
        assertNoScriptRan();
        driver.get(url("/audit"));
        // The list names the store as it was called when the event happened; the entry
        // shows the change.
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(SCRIPT_NAME);
        assertThat(driver.findElements(By.cssSelector("main img"))).isEmpty();
        assertNoScriptRan();
        driver.findElement(By.cssSelector("main table tbody tr a")).click();
        await().until(d -> d.getCurrentUrl().contains("/audit/"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(IMG_NAME);
        assertThat(driver.findElements(By.cssSelector("main img"))).isEmpty();
        assertNoScriptRan();
        assertAccessible();
    }

}
