package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.model.CustomKeyStoreNotFoundException;

import com.cksconsole.keystore.internal.KeyStoreServices;
import com.cksconsole.support.BrowserTest;

/**
 * Deleting a key store in headless Chromium at desktop (1366 px) and phone (390 px)
 * width: from the detail page's action to the confirmation, a wrong name shown next to
 * the field, then the deletion and the list saying so. axe-core on the confirmation, with
 * and without the error, and on the list; no page wider than the window.
 */
class KeyStoreDeletionBrowserTest extends BrowserTest {

    @Autowired
    ApplicationContext context;

    private String created;

    @AfterEach
    void removeWhatIsLeftAndRestoreWindow() {
        driver.manage().window().setSize(new Dimension(1280, 1024));
        if (created != null) {
            try {
                KeyStoreServices.defaultClient(context).deleteCustomKeyStore(r -> r.customKeyStoreId(created));
            }
            catch (CustomKeyStoreNotFoundException deletedByTheTest) {
                // as expected
            }
            created = null;
        }
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = { 1366, 390 })
    void theConfirmationAsksForTheNameThenTheStoreIsDeleted(int width) {
        String name = "del-browser-" + UUID.randomUUID().toString().substring(0, 6);
        created = DeletableStores.create(context, name);
        driver.manage().window().setSize(new Dimension(width, 900));
        signInAsAdmin();

        driver.get(url("/t/default/key-stores/" + created));
        driver.findElement(By.cssSelector("a[data-delete-store]")).click();
        await().until(d -> d.getCurrentUrl().endsWith("/delete"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Delete " + name + "?");
        assertAccessible();
        assertFitsTheWindow();

        driver.findElement(By.id("confirmName")).sendKeys(name + "x");
        driver.findElement(By.xpath("//button[normalize-space()='Delete the key store']")).click();
        await().until(d -> !d.findElements(By.id("confirmName-error")).isEmpty());
        assertThat(driver.findElement(By.id("confirmName")).getAttribute("value")).isEqualTo(name + "x");
        assertThat(driver.findElement(By.id("confirmName")).getAttribute("aria-describedby"))
            .contains("confirmName-error");
        assertAccessible();
        assertFitsTheWindow();

        var field = driver.findElement(By.id("confirmName"));
        field.clear();
        field.sendKeys(name);
        driver.findElement(By.xpath("//button[normalize-space()='Delete the key store']")).click();
        await().until(d -> d.getCurrentUrl().endsWith("/t/default/key-stores"));
        assertThat(driver.findElement(By.cssSelector(".alert--success")).getText())
            .isEqualTo("The key store " + name + " (" + created + ") was deleted from KMS.");
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
