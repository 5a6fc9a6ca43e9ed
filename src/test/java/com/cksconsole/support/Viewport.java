package com.cksconsole.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.ChromiumDriver;

/**
 * The window the pages are looked at through, set with the DevTools protocol: a phone
 * (390 px, mobile, so the viewport meta tag applies as on a real phone) or a laptop (1366
 * px). Measures sideways overflow and takes full-page screenshots.
 */
public final class Viewport {

    public static final int PHONE = 390;

    public static final int LAPTOP = 1366;

    private final ChromiumDriver driver;

    public Viewport(WebDriver driver) {
        this.driver = (ChromiumDriver) driver;
    }

    public void resize(int width) {
        boolean phone = width < 600;
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", phone ? 844 : 900, "deviceScaleFactor", 1, "mobile", phone));
    }

    public void reset() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /**
     * How the current page fits: the width of its layout viewport and of its content. A
     * mobile viewport widens itself (zooms out) to content that does not fit, so a page
     * fits only when both equal the window's width.
     */
    public Fit fit() {
        @SuppressWarnings("unchecked")
        var measured = (Map<String, Number>) ((JavascriptExecutor) driver)
            .executeScript("return {inner: window.innerWidth, client: document.documentElement.clientWidth,"
                    + " scroll: document.documentElement.scrollWidth};");
        return new Fit(measured.get("inner").intValue(), measured.get("client").intValue(),
                measured.get("scroll").intValue());
    }

    /** A screenshot of the whole page (not only the visible part) as a PNG file. */
    public void screenshot(Path file) {
        @SuppressWarnings("unchecked")
        var metrics = (Map<String, Map<String, Number>>) (Map<String, ?>) driver
            .executeCdpCommand("Page.getLayoutMetrics", Map.of());
        var size = metrics.get("cssContentSize");
        var shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip",
                        Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1)));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param innerWidth {@code window.innerWidth}
     * @param clientWidth the root element's width without a vertical scroll bar
     * @param scrollWidth the width of the page's content
     */
    public record Fit(int innerWidth, int clientWidth, int scrollWidth) {

        public boolean scrollsSideways(int windowWidth) {
            return innerWidth != windowWidth || scrollWidth > innerWidth || scrollWidth > clientWidth;
        }
    }

}
