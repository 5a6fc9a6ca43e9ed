package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.cksconsole.audit.AuditLog;
import com.cksconsole.security.accounts.GroupMappingRepository;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.targets.TargetName;

import testidp.OidcBrowser;
import testidp.TestIdentityProvider;

/**
 * One console context signed in to by a real OpenID provider
 * ({@link TestIdentityProvider}, shared by every class extending this one, so that they
 * share the context too), with {@code local-sign-in: admin-only} and a second provider
 * that never answers. Each test adds its own users and group mappings; the mappings are
 * removed after it.
 */
@ConsoleApplicationTest
@TestPropertySource(properties = { "console.sso.providers.test-idp.display-name=Test IdP",
        "console.sso.local-sign-in=admin-only", "console.sso.providers.down-idp.issuer-uri=http://127.0.0.1:9/",
        "console.sso.providers.down-idp.client-id=console", "console.sso.providers.down-idp.display-name=Down IdP" })
abstract class SsoApplicationTestBase {

    static final String PROVIDER = TestIdentityProvider.REGISTRATION_ID;

    static final String PASSWORD = "idp-password-for-tests";

    static final TestIdentityProvider IDP = SharedProvider.IDP;

    private static final AtomicInteger NAMES = new AtomicInteger();

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @DynamicPropertySource
    static void sso(DynamicPropertyRegistry registry) {
        registry.add("console.sso.providers.test-idp.issuer-uri", IDP::issuer);
        registry.add("console.sso.providers.test-idp.client-id", () -> TestIdentityProvider.CLIENT_ID);
        registry.add("console.sso.providers.test-idp.client-secret", () -> TestIdentityProvider.CLIENT_SECRET);
    }

    @LocalServerPort
    int port;

    @Autowired
    GroupMappingRepository mappings;

    @Autowired
    AuditLog auditLog;

    private final List<Long> addedMappings = new ArrayList<>();

    @AfterEach
    void removeMappings() {
        addedMappings.forEach(mappings::remove);
    }

    /** A new user at the provider, with these groups; returns their user name. */
    static String idpUser(String prefix, String... groups) {
        String name = prefix + "-" + NAMES.incrementAndGet();
        IDP.addUser(name, PASSWORD, groups);
        return name;
    }

    /** A new user at the provider, in a new group mapped to VIEWER console-wide. */
    String viewerAtIdp(String prefix) {
        String viewers = group("kms-viewers");
        map(viewers, Role.VIEWER);
        return idpUser(prefix, viewers);
    }

    /** A group name no other test uses. */
    static String group(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    void map(String group, Role role) {
        addedMappings.add(mappings.add(PROVIDER, group, Optional.empty(), role, "test").orElseThrow().id());
    }

    void map(String group, String target, Role role) {
        addedMappings
            .add(mappings.add(PROVIDER, group, Optional.of(new TargetName(target)), role, "test").orElseThrow().id());
    }

    URI console(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /**
     * Clicks the provider's button and signs in there, and follows the way back to the
     * console as a browser does; returns the last response.
     */
    OidcBrowser.Response signIn(OidcBrowser browser, String user) {
        var loginPage = browser.followRedirects(browser.get(console("/sso/" + PROVIDER)));
        if (!loginPage.uri().toString().startsWith(IDP.issuer())) {
            // Still signed in at the provider: it answered at once.
            return loginPage;
        }
        return browser.followRedirects(browser.signInAtIdp(loginPage, user, PASSWORD));
    }

    /** The CSRF token of a console page. */
    static String csrf(OidcBrowser.Response page) {
        var matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).as("a CSRF token on %s", page.uri()).isTrue();
        return matcher.group(1);
    }

    static String subject(String user) {
        return TestIdentityProvider.subjectOf(user);
    }

    /** The audit actor of a single-sign-on user whose display name is their user name. */
    static String actor(String user) {
        return PROVIDER + ":" + subject(user) + " (" + user + ")";
    }

    /** One provider for the whole test run: every SSO class shares it and the context. */
    static final class SharedProvider {

        static final TestIdentityProvider IDP = TestIdentityProvider.start();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(IDP::close));
        }

        private SharedProvider() {
        }

    }

}
