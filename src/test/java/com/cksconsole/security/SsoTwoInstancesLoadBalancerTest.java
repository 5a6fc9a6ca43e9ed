package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.cksconsole.support.LoadBalancedConsoles;

import testidp.OidcBrowser;
import testidp.TestIdentityProvider;

/**
 * Single sign-on through two console instances behind HAProxy (round robin, no
 * stickiness), against a real OpenID provider in the test's JVM: the authorization
 * request is saved in the session on one instance and the provider's answer completes on
 * the other, signed-in pages come from both, a removed group mapping ends the session at
 * the next request on either instance, and sign-out at the provider too comes back to the
 * sign-in page (docs/sso.md, docs/production.md "Several instances behind a load
 * balancer"). Each response names its instance in
 * {@value LoadBalancedConsoles#INSTANCE_HEADER}; a test chooses the instance of a hop
 * with {@link LoadBalancedConsoles#nextRequestTo(String)}.
 */
class SsoTwoInstancesLoadBalancerTest {

    private static final String PROVIDER = TestIdentityProvider.REGISTRATION_ID;

    private static final String PASSWORD = "sso-load-balanced-password";

    /** The provider every single-sign-on test class of the run shares. */
    private static final TestIdentityProvider IDP = SsoApplicationTestBase.SharedProvider.IDP;

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private static final AtomicInteger NAMES = new AtomicInteger();

    private static LoadBalancedConsoles consoles;

    @BeforeAll
    static void startTwoInstancesSignedInToByTheProvider() throws Exception {
        consoles = LoadBalancedConsoles.start("load-balanced-admin-passphrase-0042",
                List.of("--console.sso.providers.test-idp.issuer-uri=" + IDP.issuer(),
                        "--console.sso.providers.test-idp.client-id=" + TestIdentityProvider.CLIENT_ID,
                        "--console.sso.providers.test-idp.client-secret=" + TestIdentityProvider.CLIENT_SECRET,
                        "--console.sso.providers.test-idp.display-name=Test IdP",
                        "--console.sso.local-sign-in=admin-only"));
    }

    @AfterAll
    static void stopEverything() {
        if (consoles != null) {
            consoles.close();
        }
    }

    @Test
    void theProvidersAnswerCompletesOnTheOtherInstanceThanTheOneThatSavedTheAuthorizationRequest() throws Exception {
        String viewers = mappedGroup("kms-viewers");
        String user = idpUser("roaming", viewers);
        int tokenRequests = IDP.tokenRequests();
        var browser = new Walk(new OidcBrowser());

        var askedFor = browser.get(console("/key-stores"));
        assertThat(askedFor.location().getPath()).isEqualTo("/login");
        var toProvider = browser.follow(browser.get(console("/sso/" + PROVIDER)),
                location -> location.toString().startsWith(IDP.issuer()));
        String savedOn = browser.instance(toProvider);
        var answer = browser.follow(browser.signInAtIdp(browser.follow(browser.get(toProvider.location())), user),
                OidcBrowser::isCallback);
        consoles.nextRequestTo(other(savedOn));
        var callback = browser.get(answer.location());

        assertThat(browser.instance(callback)).as("the answer lands on the instance that did not start the sign-in")
            .isEqualTo(other(savedOn));
        assertThat(callback.location().getPath()).as(callback.body()).isEqualTo("/key-stores");
        assertThat(IDP.tokenRequests()).as("the code exchanged for tokens").isEqualTo(tokenRequests + 1);
        var landed = browser.get(callback.location());
        assertThat(landed.status()).isEqualTo(200);
        assertThat(landed.body()).contains("Signed in as <strong>" + user + "</strong>", "via Test IdP");
        assertThat(browser.instances()).as("the console's hops and their instances")
            .containsSubsequence("GET /oauth2/authorization/test-idp " + savedOn,
                    "GET /login/oauth2/code/test-idp " + other(savedOn));
    }

    @Test
    void signedInPagesAreServedByBothInstances() throws Exception {
        String viewers = mappedGroup("kms-viewers");
        String user = idpUser("both-instances", viewers);
        var browser = new Walk(new OidcBrowser());
        signIn(browser, user);

        Set<String> instances = new TreeSet<>();
        for (int i = 0; i < 4; i++) {
            var page = browser.get(console("/key-stores"));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("Signed in as <strong>" + user + "</strong>");
            instances.add(browser.instance(page));
        }
        assertThat(instances).containsExactly("one", "two");
        consoles.nextRequestTo("one");
        assertThat(browser.get(console("/users")).status()).as("VIEWER is no ADMIN, on one").isEqualTo(403);
        consoles.nextRequestTo("two");
        assertThat(browser.get(console("/users")).status()).as("VIEWER is no ADMIN, on two").isEqualTo(403);
    }

    @Test
    void aRemovedGroupMappingEndsTheSessionAtTheNextRequestOnEitherInstance() throws Exception {
        String viewers = mappedGroup("kms-viewers");
        var first = new Walk(new OidcBrowser());
        var second = new Walk(new OidcBrowser());
        String firstUser = idpUser("dropped", viewers);
        String secondUser = idpUser("dropped", viewers);
        signIn(first, firstUser);
        signIn(second, secondUser);

        int removed = update("delete from sso_group_mapping where provider = ? and group_name = ?", PROVIDER, viewers);
        assertThat(removed).isOne();

        consoles.nextRequestTo("one");
        var onOne = first.get(console("/key-stores"));
        consoles.nextRequestTo("two");
        var onTwo = second.get(console("/key-stores"));
        assertThat(List.of(onOne, onTwo)).allSatisfy(next -> {
            assertThat(next.status()).isEqualTo(302);
            assertThat(next.location().toString()).endsWith("/login?ended");
        });
        assertThat(List.of(first.instance(onOne), second.instance(onTwo))).containsExactly("one", "two");
        consoles.nextRequestTo("two");
        assertThat(first.get(console("/key-stores")).location().toString())
            .as("the session ended on one is gone on two as well")
            .endsWith("/login");
        assertThat(sessionsEnded(firstUser)).isOne();
        assertThat(sessionsEnded(secondUser)).isOne();
    }

    @Test
    void signingOutOfTheProviderTooEndsOnTheSignInPageAndAtTheProvider() throws Exception {
        String viewers = mappedGroup("kms-viewers");
        String user = idpUser("leaves-all", viewers);
        var browser = new Walk(new OidcBrowser());
        var page = signIn(browser, user);
        consoles.nextRequestTo(other(browser.instance(page)));

        var out = browser.post(console("/logout"), Map.of("_csrf", csrf(page), "provider", "true"));

        assertThat(browser.instance(out)).as("the sign-out form from one instance, posted to the other")
            .isNotEqualTo(browser.instance(page));
        assertThat(out.location().toString()).startsWith(IDP.issuer() + "/connect/logout");
        assertThat(OidcBrowser.query(out.location())).containsKey("id_token_hint")
            .containsEntry("post_logout_redirect_uri", console("/login?signedOut").toString());
        var back = browser.follow(out, location -> false);
        assertThat(back.uri()).isEqualTo(console("/login?signedOut"));
        assertThat(back.body()).contains("You have signed out.");
        for (String instance : List.of("one", "two")) {
            consoles.nextRequestTo(instance);
            assertThat(browser.get(console("/key-stores")).location().getPath()).as("signed out on %s", instance)
                .isEqualTo("/login");
        }
        var again = browser.follow(browser.get(console("/sso/" + PROVIDER)), location -> false);
        assertThat(again.uri().toString()).as("the provider asks for the password again").startsWith(IDP.issuer());
    }

    // ---- helpers ----

    /**
     * A browser whose console hops are recorded with the instance that served them (the
     * provider's hops go straight to it).
     */
    private static final class Walk {

        private final OidcBrowser browser;

        private final List<String> consoleHops = new ArrayList<>();

        private final List<String> instances = new ArrayList<>();

        Walk(OidcBrowser browser) {
            this.browser = browser;
        }

        OidcBrowser.Response get(URI uri) {
            return record(browser.get(uri));
        }

        OidcBrowser.Response post(URI uri, Map<String, String> form) {
            return record(browser.post(uri, form));
        }

        OidcBrowser.Response signInAtIdp(OidcBrowser.Response loginPage, String user) {
            return record(browser.signInAtIdp(loginPage, user, PASSWORD));
        }

        /**
         * Follows redirects up to one whose target matches (not followed) or a response
         * that is no redirect.
         */
        OidcBrowser.Response follow(OidcBrowser.Response response, Predicate<URI> stopBefore) {
            var current = response;
            for (int hop = 0; current.isRedirect() && !stopBefore.test(current.location()); hop++) {
                assertThat(hop).as("redirects").isLessThan(OidcBrowser.MAX_HOPS);
                current = get(current.location());
            }
            return current;
        }

        OidcBrowser.Response follow(OidcBrowser.Response response) {
            return follow(response, location -> false);
        }

        /** The instance that served a response through the balancer. */
        String instance(OidcBrowser.Response response) {
            return response.headers().firstValue(LoadBalancedConsoles.INSTANCE_HEADER).orElseThrow();
        }

        /** Each console hop so far: method, path and instance. */
        List<String> instances() {
            var hops = new ArrayList<String>();
            for (int i = 0; i < consoleHops.size(); i++) {
                hops.add(consoleHops.get(i) + " " + instances.get(i));
            }
            return hops;
        }

        private OidcBrowser.Response record(OidcBrowser.Response response) {
            if (response.uri().getPort() == consoles.balancer()) {
                consoleHops.add(response.method() + " " + response.uri().getPath());
                instances.add(instance(response));
            }
            return response;
        }

    }

    /**
     * Clicks the provider's button, signs in there and follows the way back; returns the
     * page landed on.
     */
    private static OidcBrowser.Response signIn(Walk browser, String user) {
        var loginPage = browser.follow(browser.get(console("/sso/" + PROVIDER)));
        assertThat(loginPage.uri().toString()).startsWith(IDP.issuer());
        var landed = browser.follow(browser.signInAtIdp(loginPage, user));
        assertThat(landed.status()).as(landed.uri() + ": " + landed.body()).isEqualTo(200);
        assertThat(landed.body()).contains("Signed in as <strong>" + user + "</strong>");
        return landed;
    }

    private static URI console(String path) {
        return URI.create("http://127.0.0.1:" + consoles.balancer() + path);
    }

    private static String other(String instance) {
        return instance.equals("one") ? "two" : "one";
    }

    private static String csrf(OidcBrowser.Response page) {
        var matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).as("a CSRF token on %s", page.uri()).isTrue();
        return matcher.group(1);
    }

    /** A new user at the provider; returns their user name. */
    private static String idpUser(String prefix, String... groups) {
        String name = "lb-" + prefix + "-" + NAMES.incrementAndGet();
        IDP.addUser(name, PASSWORD, groups);
        return name;
    }

    /**
     * A new group mapped to VIEWER console-wide, inserted into the instances' database as
     * the group mappings page would.
     */
    private static String mappedGroup(String prefix) throws SQLException {
        String group = "lb-" + prefix + "-" + NAMES.incrementAndGet();
        update("insert into sso_group_mapping (provider, group_name, target_name, mapped_role, created_at, created_by)"
                + " values (?, ?, '', 'VIEWER', current_timestamp, 'test')", PROVIDER, group);
        return group;
    }

    /**
     * The sessions of this provider user ended for groups no longer mapped, from the
     * audit log.
     */
    private static int sessionsEnded(String user) throws SQLException {
        try (var connection = DriverManager.getConnection(consoles.database());
                var query = connection
                    .prepareStatement("select count(*) from audit_event where action = 'SESSION_ENDED' and actor like ?"
                            + " and parameters like '%groups no longer mapped to a role%'")) {
            query.setString(1, PROVIDER + ":" + TestIdentityProvider.subjectOf(user) + " %");
            try (var result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static int update(String sql, String... parameters) throws SQLException {
        try (var connection = DriverManager.getConnection(consoles.database());
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

}
