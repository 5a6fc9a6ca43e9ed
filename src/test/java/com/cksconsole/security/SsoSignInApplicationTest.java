package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditTestEvents;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

import testidp.OidcBrowser;
import testidp.TestIdentityProvider;

/**
 * Signing in with the company's identity provider, against a real OpenID provider over
 * HTTP: the flow with PKCE, roles from group mappings (console-wide and per target), the
 * refusal of a user whose groups give nothing, rights re-evaluated at every request,
 * sign-out here and at the provider, and the break-glass local sign-in.
 */
@ExtendWith(OutputCaptureExtension.class)
class SsoSignInApplicationTest extends SsoApplicationTestBase {

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theSignInPageOffersEachProviderAndTucksThePasswordFormAwayForBreakGlass() {
        var page = new OidcBrowser().get(console("/login"));
        assertThat(page.body()).contains("Sign in with Test IdP", "Sign in with Down IdP")
            .contains("Administrator sign-in with a console password (break glass)");
        assertThat(page.body().indexOf("<details")).as("the password form is inside the break-glass section")
            .isLessThan(page.body().indexOf("name=\"password\""));
    }

    @Test
    void theAuthorizationRequestUsesPkceStateAndNonce() {
        var browser = new OidcBrowser();
        var toProvider = browser.followRedirectsUntil(browser.get(console("/sso/" + PROVIDER)),
                location -> location.toString().startsWith(IDP.issuer()));
        var request = OidcBrowser.query(toProvider.location());
        assertThat(request).containsEntry("response_type", "code")
            .containsEntry("client_id", TestIdentityProvider.CLIENT_ID)
            .containsEntry("code_challenge_method", "S256")
            .containsKeys("code_challenge", "state", "nonce", "redirect_uri");
        assertThat(request.get("scope")).contains("openid");
        assertThat(request.get("redirect_uri")).isEqualTo(console("/login/oauth2/code/" + PROVIDER).toString());
    }

    @Test
    void aMemberOfAMappedGroupSignsInAndLandsOnThePageFirstAskedFor() {
        String viewers = group("kms-viewers");
        map(viewers, Role.VIEWER);
        String user = idpUser("vera", viewers, "not-mapped");
        var browser = new OidcBrowser();
        var askedFor = browser.get(console("/key-stores"));
        assertThat(askedFor.location().getPath()).isEqualTo("/login");

        var landed = signIn(browser, user);

        assertThat(landed.status()).isEqualTo(200);
        assertThat(landed.uri().getPath()).isEqualTo("/key-stores");
        assertThat(landed.body()).contains("Signed in as <strong>" + user + "</strong>", "via Test IdP")
            .doesNotContain("Change password")
            .contains("Sign out of Test IdP too");
        assertThat(browser.get(console("/users")).status()).as("VIEWER is no ADMIN").isEqualTo(403);
    }

    @Test
    void theAuditLogNamesTheProviderTheSubjectAndTheDisplayName() {
        String user = viewerAtIdp("audited");
        signIn(new OidcBrowser(), user);

        List<AuditEntry> signIns = AuditTestEvents.of(auditLog, actor(user))
            .stream()
            .filter(entry -> entry.event().action().equals("SIGN_IN"))
            .toList();
        assertThat(signIns).singleElement().satisfies(entry -> {
            assertThat(entry.event().actor()).isEqualTo("test-idp:" + subject(user) + " (" + user + ")");
            assertThat(entry.event().actorRoles()).containsExactly("VIEWER");
            assertThat(entry.outcome()).hasToString("SUCCEEDED");
        });
        assertThat(AuditTestEvents.of(auditLog, "test-idp:" + subject(user)))
            .as("the identity alone finds the events, whatever the display name")
            .extracting(entry -> entry.event().actor())
            .containsOnly(actor(user));
        IDP.setDisplayName(user, "Renamed 100%_!");
        signIn(new OidcBrowser(), user);
        assertThat(AuditTestEvents.of(auditLog, "test-idp:" + subject(user))).extracting(e -> e.event().actor())
            .contains(actor(user), "test-idp:" + subject(user) + " (Renamed 100%_!)");
        assertThat(AuditTestEvents.of(auditLog, "test-idp:" + subject(user).substring(0, 8) + "%"))
            .as("a LIKE wildcard in the filter is taken literally")
            .isEmpty();
    }

    @Test
    void aPerTargetMappingGivesThatTargetOnly() {
        String stagingOperators = group("kms-staging-operators");
        map(stagingOperators, "staging-eu", Role.OPERATOR);
        String user = idpUser("otto", stagingOperators);
        var browser = new OidcBrowser();
        signIn(browser, user);

        assertThat(browser.get(console("/t/staging-eu/key-stores")).status()).isEqualTo(200);
        assertThat(browser.get(console("/t/prod-eu/key-stores")).status()).isEqualTo(403);
        assertThat(browser.get(console("/audit")).status()).isEqualTo(403);
    }

    @Test
    void theStrongestOfSeveralMappingsCountsOnATarget() {
        String readers = group("kms-readers");
        String operators = group("kms-operators");
        map(readers, "staging-eu", Role.VIEWER);
        map(operators, "staging-eu", Role.OPERATOR);
        String user = idpUser("both", readers, operators);
        var browser = new OidcBrowser();
        signIn(browser, user);

        var connect = browser.post(console("/t/staging-eu/key-stores/cks-0123456789abcdef0/connect"),
                Map.of("_csrf", csrf(browser.get(console("/t/staging-eu/key-stores")))));
        assertThat(connect.status()).as("a change right there (the store itself is unknown)").isNotIn(401, 403);
    }

    @Test
    void aUserWhoseGroupsGiveNoRoleIsRefusedWithAPageNamingTheirGroups() {
        map(group("kms-someone-else"), Role.ADMIN);
        String user = idpUser("nobody", "unmapped-a", "unmapped-b");
        var browser = new OidcBrowser();

        var refused = signIn(browser, user);

        assertThat(refused.uri().getPath()).isEqualTo("/sso/refused");
        assertThat(refused.body()).contains("Sign-in refused", "None of your groups gives a role", user, "unmapped-a",
                "unmapped-b");
        assertThat(browser.get(console("/key-stores")).location().getPath()).as("not signed in").isEqualTo("/login");
        assertThat(browser.get(console("/sso/refused")).body()).as("shown once").doesNotContain("unmapped-a");
        assertThat(AuditTestEvents.of(auditLog, actor(user))).singleElement().satisfies(entry -> {
            assertThat(entry.event().action()).isEqualTo("SIGN_IN");
            assertThat(entry.outcome()).hasToString("FAILED");
            assertThat(entry.errorName()).isEqualTo("NoConsoleRole");
            assertThat(entry.details()).extracting(p -> p.name() + "=" + p.value())
                .contains("provider=test-idp", "groups=unmapped-a, unmapped-b");
        });
    }

    @Test
    void rolesNeverComeFromANameTheUserCanEdit() {
        String admins = group("kms-admins");
        map(admins, Role.ADMIN);
        String user = idpUser("mallory");
        IDP.setDisplayName(user, admins);

        var refused = signIn(new OidcBrowser(), user);

        assertThat(refused.uri().getPath()).isEqualTo("/sso/refused");
    }

    @Test
    void groupsAreComparedExactly() {
        String operators = group("Kms-Ops");
        map(operators, Role.OPERATOR);
        String user = idpUser("casey", operators.toLowerCase(), operators + " ");

        assertThat(signIn(new OidcBrowser(), user).uri().getPath()).isEqualTo("/sso/refused");
    }

    @Test
    void aChangedMappingEndsTheSessionAtItsNextRequest() {
        String viewers = group("kms-viewers");
        String auditors = group("kms-auditors");
        map(viewers, Role.VIEWER);
        String user = idpUser("promoted", viewers, auditors);
        var browser = new OidcBrowser();
        signIn(browser, user);
        assertThat(browser.get(console("/audit")).status()).isEqualTo(403);

        map(auditors, Role.AUDITOR);

        var next = browser.get(console("/key-stores"));
        assertThat(next.status()).isEqualTo(302);
        assertThat(next.location().toString()).endsWith("/login?ended");
        assertThat(endedReasons(user)).containsExactly("group mappings changed");
        signIn(browser, user);
        assertThat(browser.get(console("/audit")).status()).as("the new role, from the next sign-in").isEqualTo(200);
    }

    @Test
    void removingTheOnlyMappingEndsTheSession() {
        String user = viewerAtIdp("dropped");
        var browser = new OidcBrowser();
        signIn(browser, user);

        removeMappings();

        assertThat(browser.get(console("/key-stores")).location().toString()).endsWith("/login?ended");
        assertThat(endedReasons(user)).containsExactly("groups no longer mapped to a role");
    }

    @Test
    void signOutEndsTheConsoleSessionAndKeepsTheProviders() {
        String user = viewerAtIdp("leaver");
        var browser = new OidcBrowser();
        var page = signIn(browser, user);

        var out = browser.post(console("/logout"), Map.of("_csrf", csrf(page)));

        assertThat(out.location().toString()).endsWith("/login?signedOut");
        assertThat(browser.get(console("/key-stores")).location().getPath()).isEqualTo("/login");
        var again = browser.followRedirects(browser.get(console("/sso/" + PROVIDER)));
        assertThat(again.uri().toString()).as("still signed in at the provider: no password asked")
            .startsWith(console("/").toString());
        assertThat(again.status()).isEqualTo(200);
    }

    @Test
    void signOutOfTheProviderTooPassesItsEndSessionEndpointAndComesBack() {
        String user = viewerAtIdp("leaves-all");
        var browser = new OidcBrowser();
        var page = signIn(browser, user);

        var out = browser.post(console("/logout"), Map.of("_csrf", csrf(page), "provider", "true"));

        assertThat(out.location().toString()).startsWith(IDP.issuer() + "/connect/logout");
        assertThat(OidcBrowser.query(out.location())).containsKey("id_token_hint")
            .containsEntry("post_logout_redirect_uri", console("/login?signedOut").toString());
        var back = browser.followRedirects(out);
        assertThat(back.uri()).isEqualTo(console("/login?signedOut"));
        assertThat(back.body()).contains("You have signed out.");
        var again = browser.followRedirects(browser.get(console("/sso/" + PROVIDER)));
        assertThat(again.uri().toString()).as("the provider asks for the password again").startsWith(IDP.issuer());
    }

    @Test
    void thePagesLetAFormLeadToTheProvidersAndNowhereElse() {
        var page = new OidcBrowser().get(console("/login"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        // The sign-out form's redirect to the end-session endpoint is a form navigation:
        // browsers enforce form-action on it.
        String formAction = java.util.Arrays.stream(csp.split(";"))
            .map(String::strip)
            .filter(directive -> directive.startsWith("form-action "))
            .findFirst()
            .orElseThrow();
        assertThat(formAction.split(" ")).containsExactlyInAnyOrder("form-action", "'self'", "http://127.0.0.1:9",
                IDP.issuer());
        assertThat(csp.replace(formAction, "form-action 'self'")).as("nothing else loosened")
            .isEqualTo(SecurityConfiguration.CONTENT_SECURITY_POLICY);
    }

    @Test
    void aSingleSignOnUserHasNoConsolePasswordToChange() {
        var browser = new OidcBrowser();
        signIn(browser, viewerAtIdp("no-password"));

        var form = browser.get(console("/account/password"));
        assertThat(form.body()).contains("the console holds no password for you").doesNotContain("currentPassword");
        var post = browser.post(console("/account/password"),
                Map.of("_csrf", csrf(form), "currentPassword", "x", "newPassword", "y", "confirmPassword", "y"));
        assertThat(post.status()).isEqualTo(409);
    }

    @Test
    void anUnreachableProviderGetsASentenceOnTheSignInPageAndAnUnknownOneA404() {
        var browser = new OidcBrowser();
        var down = browser.get(console("/sso/down-idp"));
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body()).contains("Down IdP</strong> is not answering", "Sign in with Test IdP");
        assertThat(browser.get(console("/sso/nowhere")).status()).isEqualTo(404);
    }

    @Test
    void withAdminOnlyTheBreakGlassAdministratorSignsInWithAPasswordAndAnOperatorCannot() {
        ConsoleHttpClient admin = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        assertThat(admin.get("/users").statusCode()).isEqualTo(200);

        String operator = TestUsers.given(users, encoder, "local-operator-sso", PASSWORD, Role.OPERATOR);
        var client = ConsoleHttpClient.anonymous(port);
        client.get("/login");
        var refused = client.postForm("/login", Map.of("username", operator, "password", PASSWORD));
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(AuditTestEvents.of(auditLog, operator)).first().satisfies(entry -> {
            assertThat(entry.event().action()).isEqualTo("SIGN_IN");
            assertThat(entry.outcome()).hasToString("FAILED");
        });
    }

    @Test
    void neitherTheClientSecretNorAnyTokenIsKept(CapturedOutput output) {
        var browser = new OidcBrowser();
        signIn(browser, viewerAtIdp("kept"));
        browser.get(console("/key-stores"));

        assertThat(output.getAll()).doesNotContain(TestIdentityProvider.CLIENT_SECRET);
        List<String> attributes = jdbc.sql("select attribute_name from spring_session_attributes")
            .query(String.class)
            .list();
        assertThat(attributes).as("a session row holds the context, never an authorized client")
            .noneMatch(name -> name.contains("AuthorizedClient") || name.contains("AUTHORIZED_CLIENT"));
        String tables = jdbc.sql("select * from audit_event").query((rs, n) -> {
            var row = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.append(rs.getString(i)).append('|');
            }
            return row.toString();
        }).list().toString();
        assertThat(tables).doesNotContain(TestIdentityProvider.CLIENT_SECRET);
    }

    private List<String> endedReasons(String user) {
        return AuditTestEvents.of(auditLog, actor(user))
            .stream()
            .filter(entry -> entry.event().action().equals("SESSION_ENDED"))
            .flatMap(entry -> entry.details().stream())
            .filter(p -> p.name().equals("reason"))
            .map(p -> String.valueOf(p.value()))
            .toList();
    }

}
