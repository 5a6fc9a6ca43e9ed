package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
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
import com.cksconsole.keystore.internal.KeyStoreServices;
import com.cksconsole.support.BrowserTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;

/**
 * The CloudHSM key store wizard in headless Chromium at a laptop's width (1366 px) and a
 * phone's (390 px), axe-core on every step: from the list through the five steps, the
 * sandbox's customerCA.crt uploaded, to the new store's page and its "Connect now".
 */
class CloudHsmCreateBrowserTest extends BrowserTest {

    @Autowired
    ApplicationContext context;

    @AfterEach
    void deleteCreatedStores() {
        KmsClient kms = KeyStoreServices.defaultClient(context);
        for (var store : kms.describeCustomKeyStores(r -> r.limit(100)).customKeyStores()) {
            if (store.customKeyStoreName().startsWith("hsm-browser-")) {
                kms.deleteCustomKeyStore(r -> r.customKeyStoreId(store.customKeyStoreId()));
            }
        }
        context.getBean(KeyStoreReads.class).forgetSnapshot();
        driver.manage().window().setSize(new Dimension(1366, 900));
    }

    @ParameterizedTest
    @ValueSource(ints = { 1366, 390 })
    void anOperatorCreatesACloudHsmKeyStoreStepByStep(int width) throws Exception {
        driver.manage().window().setSize(new Dimension(width, 900));
        signInAsAdmin();
        String name = "hsm-browser-" + UUID.randomUUID().toString().substring(0, 8);
        Path customerCa = customerCa(CloudHsmCreateApplicationTest.FREE);

        driver.get(url("/t/default/key-stores"));
        driver.findElement(By.linkText("Create a CloudHSM key store")).click();
        await().until(d -> d.getCurrentUrl().endsWith("/name"));
        checkPage();
        driver.findElement(By.id("customKeyStoreName")).sendKeys(name);
        button("Next: cluster").click();

        await().until(d -> d.getCurrentUrl().endsWith("/cluster"));
        checkPage();
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("cannot be chosen");
        driver.findElement(By.cssSelector("input[value='" + CloudHsmCreateApplicationTest.FREE + "']")).click();
        button("Next: trust anchor").click();

        await().until(d -> d.getCurrentUrl().endsWith("/trust-anchor"));
        checkPage();
        driver.findElement(By.id("file")).sendKeys(customerCa.toString());
        button("Check and go on").click();

        await().until(d -> d.getCurrentUrl().endsWith("/password"));
        checkPage();
        driver.findElement(By.id("keyStorePassword")).sendKeys(CloudHsmCreateApplicationTest.FREE_PASSWORD);
        button("Next: review").click();

        await().until(d -> d.getCurrentUrl().endsWith("/review"));
        checkPage();
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(name)
            .contains(CloudHsmCreateApplicationTest.FREE);
        assertThat(driver.getPageSource()).doesNotContain(CloudHsmCreateApplicationTest.FREE_PASSWORD);
        button("Create the key store").click();

        await().until(d -> d.getCurrentUrl().matches(".*/t/default/key-stores/cks-[0-9a-f]+$"));
        checkPage();
        assertThat(driver.findElement(By.linkText("Connect now")).isDisplayed()).isTrue();
    }

    private Path customerCa(String clusterId) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
            .send(HttpRequest
                .newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/sandbox/cloudhsm/" + clusterId + "/customerCA.crt"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        Path file = Files.createTempFile("customerCA", ".crt");
        file.toFile().deleteOnExit();
        Files.write(file, response.body());
        return file;
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

}
