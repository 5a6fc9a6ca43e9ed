package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.deque.html.axecore.selenium.AxeBuilder;

import com.cksconsole.security.accounts.GroupMappingRepository;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.support.BrowserTest;
import com.cksconsole.support.Viewport;
import testidp.TestIdentityProvider;

/**
 * Single sign-on in a real headless Chromium against the tests' own OpenID provider, at a
 * laptop's width (1366 px) and a phone's (390 px): the whole redirect flow there and
 * back, sign-out at the provider too, and the refusal of a user whose groups give no
 * role. On each of the console's pages (not the provider's): nothing scrolls sideways and
 * axe-core finds no violation of any impact. Each run leaves full-page screenshots in
 * {@code target/screenshots/sso-*.png}.
 *
 * <p>
 * The console is reached as {@code http://127.0.0.1:<port>}, never {@code localhost}: the
 * provider accepts only loopback IP redirect URIs. Cookies do not tell ports apart; the
 * provider's session cookie has a name of its own ({@code IDPSESSION}).
 */
class SsoSignInBrowserTest extends BrowserTest {

    private static final String PROVIDER = TestIdentityProvider.REGISTRATION_ID;

    private static final String PROVIDER_NAME = "Test IdP";

    private static final String READER = "reader";

    private static final String READER_PASSWORD = "reader-password-at-the-idp";

    private static final String OUTSIDER = "outsider";

    private static final String OUTSIDER_PASSWORD = "outsider-password-at-the-idp";

    static final TestIdentityProvider idp = TestIdentityProvider.start();

    @Autowired
    GroupMappingRepository groupMappings;

    private Viewport viewport;

    private final List<String> problems = new ArrayList<>();

    private int width;

    @DynamicPropertySource
    static void sso(DynamicPropertyRegistry registry) {
        registry.add("console.sso.providers." + PROVIDER + ".issuer-uri", idp::issuer);
        registry.add("console.sso.providers." + PROVIDER + ".client-id", () -> TestIdentityProvider.CLIENT_ID);
        registry.add("console.sso.providers." + PROVIDER + ".client-secret", () -> TestIdentityProvider.CLIENT_SECRET);
        registry.add("console.sso.providers." + PROVIDER + ".display-name", () -> PROVIDER_NAME);
        // The break-glass form then shows too, tucked away.
        registry.add("console.sso.local-sign-in", () -> "admin-only");
    }

    @AfterAll
    static void stopIdp() {
        idp.close();
    }

    @BeforeEach
    void setUp() {
        idp.addUser(READER, READER_PASSWORD, "kms-readers");
        idp.setDisplayName(READER, "Rita Reader");
        idp.addUser(OUTSIDER, OUTSIDER_PASSWORD, "contractors", "visitors");
        // Empty when it exists already (the second width).
        groupMappings.add(PROVIDER, "kms-readers", Optional.empty(), Role.VIEWER, "sso-browser-test");
        viewport = new Viewport(driver);
        // Both the console's cookies and the provider's (one host, two ports).
        ((ChromiumDriver) driver).executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    @AfterEach
    void resetViewport() {
        viewport.reset();
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = { Viewport.LAPTOP, Viewport.PHONE })
    void aUserSignsInAtTheProviderLandsOnThePageAskedForAndSignsOutOfBoth(int windowWidth) {
        width = windowWidth;
        viewport.resize(width);

        driver.get(console("/key-stores"));
        arriveAt(console("/login"));
        var button = driver.findElement(By.cssSelector(".sign-in-providers__button"));
        assertThat(button.getText()).isEqualTo("Sign in with " + PROVIDER_NAME);
        // admin-only: the password form is there, but inside the collapsed break-glass
        // section.
        var breakGlass = driver.findElement(By.cssSelector("details.sign-in-local"));
        assertThat(breakGlass.getDomAttribute("open")).isNull();
        assertThat(breakGlass.findElement(By.tagName("summary")).getText())
            .isEqualTo("Administrator sign-in with a console password (break glass)");
        var password = breakGlass.findElement(By.id("password"));
        assertThat(password.isDisplayed()).isFalse();
        assertThat(driver.findElements(By.cssSelector("input[type=password]"))).containsExactly(password);
        check("sso-sign-in");

        button.click();
        signInAtTheProvider(READER, READER_PASSWORD);

        await().until(d -> d.getCurrentUrl().startsWith(console("/key-stores")));
        assertThat(driver.findElement(By.cssSelector(".site-user__name")).getText())
            .isEqualTo("Signed in as Rita Reader via " + PROVIDER_NAME);
        assertThat(driver.findElements(By.linkText("Change password"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("a[href$='/account/password']"))).isEmpty();
        check("sso-key-stores");

        driver.findElement(By.cssSelector("button[name=provider][value=true]")).click();
        // Through the provider's end-session endpoint and back.
        arriveAt(console("/login?signedOut"));
        assertThat(driver.findElement(By.cssSelector(".alert--success")).getText()).isEqualTo("You have signed out.");
        check("sso-signed-out");

        driver.get(console("/key-stores"));
        arriveAt(console("/login"));
        driver.findElement(By.cssSelector(".sign-in-providers__button")).click();
        // The provider's session ended with the console's: it asks for the password
        // again rather than sending the browser straight back signed in.
        await().until(d -> d.getCurrentUrl().startsWith(idp.issuer() + "/login"));
        assertThat(driver.findElement(By.id("password")).isDisplayed()).isTrue();

        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = { Viewport.LAPTOP, Viewport.PHONE })
    void aUserWhoseGroupsMapToNoRoleIsRefusedWithTheGroupsNamed(int windowWidth) {
        width = windowWidth;
        viewport.resize(width);

        driver.get(console("/login"));
        driver.findElement(By.cssSelector(".sign-in-providers__button")).click();
        signInAtTheProvider(OUTSIDER, OUTSIDER_PASSWORD);

        arriveAt(console("/sso/refused"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Sign-in refused");
        assertThat(driver.findElements(By.cssSelector("main li.mono"))).extracting(WebElement::getText)
            .containsExactly("contractors", "visitors");
        assertThat(driver.findElements(By.cssSelector(".site-user"))).as("nobody is signed in").isEmpty();
        check("sso-refused");

        driver.get(console("/key-stores"));
        arriveAt(console("/login"));
        assertThat(problems).isEmpty();
    }

    /** The console as the provider accepts it: on the loopback IP literal. */
    private String console(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Waits for the browser to arrive at the URL; a timeout says where it is instead. */
    private void arriveAt(String url) {
        await().withMessage(() -> "expected " + url + ", the browser is at " + driver.getCurrentUrl())
            .until(d -> d.getCurrentUrl().equals(url));
    }

    /** Spring Security's generated login page, at the provider. */
    private void signInAtTheProvider(String username, String password) {
        await().until(d -> d.getCurrentUrl().startsWith(idp.issuer() + "/login"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
    }

    /**
     * Records every problem of the current (console) page instead of stopping at the
     * first, and saves its screenshot.
     */
    private void check(String page) {
        viewport.screenshot(Path.of("target", "screenshots", page + "-" + width + ".png"));
        var fit = viewport.fit();
        if (fit.scrollsSideways(width)) {
            problems.add(page + " scrolls sideways at " + width + " px: " + fit);
        }
        new AxeBuilder().analyze(driver)
            .getViolations()
            .forEach(rule -> problems.add(page + " at " + width + " px: axe " + rule.getImpact() + " " + rule.getId()
                    + ": " + rule.getHelp()));
    }

}
