package com.cksconsole.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.BrowserTest;
import com.cksconsole.support.Viewport;

/**
 * Keyboard users see where they are (WCAG 1.4.11): tabbing through whole pages with the
 * real Tab key, every element that takes focus shows an outline of at least 3:1 contrast
 * against the colour behind it, on the light page as in the dark header. The skip link is
 * the first stop of every page.
 */
class FocusIndicatorBrowserTest extends BrowserTest {

    private static final double MINIMUM_CONTRAST = 3.0;

    private static final int MOST_STOPS = 120;

    private static final String FOCUS_RING = script("/browser/focus-ring.js");

    private Viewport viewport;

    @AfterEach
    void resetViewport() {
        if (viewport != null) {
            viewport.reset();
        }
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = { Viewport.PHONE, Viewport.LAPTOP })
    void everyFocusedElementHasAnOutlineOfAtLeastThreeToOne(int width) {
        viewport = new Viewport(driver);
        viewport.resize(width);
        var failures = new ArrayList<String>();
        var kinds = new HashSet<String>();
        driver.manage().deleteAllCookies();
        driver.get(url("/login"));
        tabThrough("/login", failures, kinds);
        signInAsAdmin();
        for (String page : List.of("/key-stores", "/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS,
                "/t/default/key-stores/" + SeededKeyStores.PRIVATE_XKS + "/edit", "/users/new", "/account/password",
                "/audit")) {
            driver.get(url(page));
            assertThat(tab()).as("the first stop of %s", page)
                .isNotNull()
                .extracting(ring -> ring.get("element"))
                .asString()
                .startsWith("a.skip-link");
            tabThrough(page, failures, kinds);
        }

        assertThat(failures).isEmpty();
        assertThat(kinds).as("links, buttons and inputs were among the elements checked")
            .contains("a", "button", "input", "select");
    }

    /**
     * Tabs from the top of the page until focus comes round again, checking each element
     * it lands on.
     */
    private void tabThrough(String page, List<String> failures, Set<String> kinds) {
        ((JavascriptExecutor) driver)
            .executeScript("if (document.activeElement) { document.activeElement.blur(); } window.scrollTo(0, 0);");
        var seen = new HashSet<Object>();
        for (int stop = 0; stop < MOST_STOPS; stop++) {
            var ring = tab();
            if (ring == null) {
                continue;
            }
            if (!seen.add(ring.get("key"))) {
                return;
            }
            kinds.add((String) ring.get("tag"));
            double ratio = ((Number) ring.get("ratio")).doubleValue();
            if ("none".equals(ring.get("outlineStyle")) || ((Number) ring.get("outlineWidth")).doubleValue() < 2
                    || ratio < MINIMUM_CONTRAST) {
                failures.add(page + ": " + ring);
            }
        }
        failures.add(page + ": focus did not come round again within " + MOST_STOPS + " stops");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> tab() {
        new Actions(driver).sendKeys(Keys.TAB).perform();
        return (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(FOCUS_RING);
    }

    private static String script(String resource) {
        try (InputStream in = FocusIndicatorBrowserTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
