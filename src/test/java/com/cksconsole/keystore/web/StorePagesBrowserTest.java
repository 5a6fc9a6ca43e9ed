package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.BrowserTest;

/**
 * The key store pages that follow the store, in headless Chromium at desktop (1366 px)
 * and phone (390 px) width: a guided change's page shows the store's state as it moves
 * (DISCONNECTING, then CONNECTING, then CONNECTED), the "keys unusable" notice and the
 * actions that are still possible, and the new name at the end; the external key store
 * form shows its VPC endpoint service fields only for VPC connectivity. axe-core on each.
 *
 * <p>
 * The sandbox's transitions last long enough here for the page's two-second poll to see
 * each state.
 */
@TestPropertySource(properties = { "console.sandbox.connect-delay=5s", "console.sandbox.disconnect-delay=5s" })
class StorePagesBrowserTest extends BrowserTest {

    private static final Duration STAGE = Duration.ofSeconds(30);

    @Autowired
    ApplicationContext context;

    private SeededKeyStores sandbox;

    @BeforeEach
    void signInAsOperator() {
        sandbox = SeededKeyStores.of(context);
        signInAsAdmin();
    }

    @AfterEach
    void restoreSeededStoresAndWindow() {
        driver.manage().window().setSize(new Dimension(1280, 1024));
        sandbox.restoreFinanceHsm();
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = { 1366, 390 })
    void theRunPageFollowsTheStoreThroughEveryStateOfAGuidedRename(int width) {
        driver.manage().window().setSize(new Dimension(width, 900));
        sandbox.ensureConnected(SeededKeyStores.FINANCE_HSM);
        String newName = "finance-hsm-" + width;
        driver.get(url("/t/default/key-stores/" + SeededKeyStores.FINANCE_HSM + "/edit"));
        var name = driver.findElement(By.id("newCustomKeyStoreName"));
        name.clear();
        name.sendKeys(newName);
        driver.findElement(By.xpath("//button[normalize-space()='Review the change']")).click();
        await().until(d -> d.getCurrentUrl().contains("/review/"));
        driver.findElement(By.cssSelector("button[value='RECONNECT']")).click();
        await().until(d -> d.getCurrentUrl().contains("/runs/"));
        // The run starts at once: on a busy machine the first rendering may already show
        // the disconnect under way.
        String first = storeState();
        assertThat(first).as("the store as the run starts").isIn("CONNECTED", "DISCONNECTING");
        assertThat(find("[data-live-unusable]").isDisplayed()).as("keys unusable only once not CONNECTED")
            .isEqualTo(!first.equals("CONNECTED"));

        follow().until(d -> storeState().equals("DISCONNECTING"));
        assertThat(find("[data-live-unusable]").isDisplayed()).as("keys unusable while DISCONNECTING").isTrue();
        assertThat(find("[data-live-action='cancel']").isDisplayed()).as("cancel before the update").isTrue();
        assertThat(text("[data-live-run-status]")).isEqualTo("Running");
        assertThat(driver.findElements(By.cssSelector("[data-step='PREFLIGHT']"))).as("no XKS step").isEmpty();
        assertAccessible();

        follow().until(d -> storeState().equals("CONNECTING"));
        assertThat(find("[data-live-unusable]").isDisplayed()).as("keys unusable while CONNECTING").isTrue();
        assertThat(find("[data-live-action='cancel']").isDisplayed()).as("no cancel after the update").isFalse();
        assertThat(find("[data-live-action='leave-disconnected']").isDisplayed())
            .as("no leave-disconnected once the connect has started")
            .isFalse();
        assertThat(find("[data-live-actions]").isDisplayed()).isFalse();

        follow().until(d -> text("[data-live-run-status]").equals("Completed"));
        assertThat(storeState()).isEqualTo("CONNECTED");
        assertThat(find("[data-live-unusable]").isDisplayed()).isFalse();
        assertThat(text("h1")).isEqualTo("Guided change of " + newName);
        assertThat(text(".breadcrumb")).contains(newName);
        assertAccessible();
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = { 1366, 390 })
    void theVpcEndpointServiceFieldsFollowTheChosenConnectivity(int width) {
        driver.manage().window().setSize(new Dimension(width, 900));
        driver.get(url("/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS + "/edit"));
        var vpc = find("[data-vpc-fields]");
        var serviceName = driver.findElement(By.id("xksProxyVpcEndpointServiceName"));
        var connectivity = new Select(driver.findElement(By.id("xksProxyConnectivity")));
        assertThat(vpc.isDisplayed()).as("a public store").isFalse();
        assertThat(serviceName.isEnabled()).isFalse();

        connectivity.selectByValue("VPC_ENDPOINT_SERVICE");
        await().until(d -> vpc.isDisplayed());
        assertThat(serviceName.isEnabled()).isTrue();
        assertThat(find("#proxy-config-import").getLocation().getY()).as("the import comes after the store's fields")
            .isGreaterThan(serviceName.getLocation().getY());
        assertAccessible();

        connectivity.selectByValue("PUBLIC_ENDPOINT");
        await().until(d -> !vpc.isDisplayed());
        assertThat(serviceName.isEnabled()).as("hidden fields are not sent").isFalse();
    }

    /** Waits for the page's script (or its reload) to show the next stage. */
    private WebDriverWait follow() {
        var wait = waitUpTo(STAGE);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private String storeState() {
        return text("[data-live-store-state] .badge");
    }

    private WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    private String text(String css) {
        return find(css).getText();
    }

}
