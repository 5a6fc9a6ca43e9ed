package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.cksconsole.audit.AuditTestEvents;
import com.cksconsole.security.accounts.Role;

import testidp.OidcBrowser;

/**
 * Attacks on single sign-on, each made by a real OpenID provider told to misbehave once
 * or by a browser that alters the provider's answer: every one is refused, nobody is
 * signed in, the refusal page says why and the audit log records it.
 */
class SsoAttackApplicationTest extends SsoApplicationTestBase {

    @Test
    void anIdTokenWhoseClaimsWereChangedAfterSigningIsRefused() {
        String viewers = group("kms-viewers");
        String admins = group("kms-admins");
        map(viewers, Role.VIEWER);
        map(admins, Role.ADMIN);
        String user = idpUser("tamperer", viewers);
        IDP.tamperNextIdToken(Map.of("groups", List.of(viewers, admins)));

        assertRefused(new OidcBrowser(), user, "invalid_id_token", "did not check out");
    }

    @Test
    void anIdTokenSignedWithAKeyTheProviderDoesNotPublishIsRefused() {
        String user = viewerAtIdp("forger");
        IDP.nextIdTokenSignedWithForeignKey();

        assertRefused(new OidcBrowser(), user, "invalid_id_token", "did not check out");
    }

    @Test
    void anIdTokenMadeForAnotherSignInIsRefusedByItsNonce() {
        String user = viewerAtIdp("replayer");
        IDP.nextIdTokenNonce("a-nonce-of-another-sign-in");

        assertRefused(new OidcBrowser(), user, "invalid_nonce", "nonce does not match");
    }

    @Test
    void anIdTokenFromAnotherIssuerIsRefused() {
        String user = viewerAtIdp("elsewhere");
        IDP.nextIdTokenIssuer("https://evil.example.com");

        assertRefused(new OidcBrowser(), user, "invalid_id_token", "did not check out");
    }

    @Test
    void anIdTokenForAnotherClientIsRefused() {
        String user = viewerAtIdp("misdirected");
        IDP.nextIdTokenAudience("another-client");

        assertRefused(new OidcBrowser(), user, "invalid_id_token", "did not check out");
    }

    @Test
    void anAnswerWithAnotherStateIsRefusedBeforeAnyCodeIsExchanged() {
        String user = viewerAtIdp("state-changer");
        var browser = new OidcBrowser();
        var answer = heldAnswer(browser, user);
        int exchanges = IDP.tokenRequests();
        var parameters = new HashMap<>(OidcBrowser.query(answer));
        parameters.put("state", "forged-" + parameters.get("state"));

        var refused = browser.followRedirects(browser.get(OidcBrowser.withQuery(answer, parameters)));

        assertRefusedPage(browser, refused, "authorization_request_not_found", "state");
        assertThat(IDP.tokenRequests()).as("no code exchanged").isEqualTo(exchanges);
    }

    @Test
    void aCodeMeantForAnotherBrowserIsRefused() {
        String victim = viewerAtIdp("victim");
        String attacker = viewerAtIdp("attacker");
        var attackersBrowser = new OidcBrowser();
        var attackersAnswer = heldAnswer(attackersBrowser, attacker);
        var victimsBrowser = new OidcBrowser();
        // The victim's browser has started a sign-in of its own (its own state).
        victimsBrowser.followRedirectsUntil(victimsBrowser.get(console("/sso/" + PROVIDER)),
                location -> location.toString().startsWith(IDP.issuer()));
        int exchanges = IDP.tokenRequests();

        var refused = victimsBrowser.followRedirects(victimsBrowser.get(attackersAnswer));

        assertRefusedPage(victimsBrowser, refused, "authorization_request_not_found", "state");
        assertThat(IDP.tokenRequests()).isEqualTo(exchanges);
        assertThat(victim).isNotEqualTo(attacker);
    }

    @Test
    void anAnswerUsedTwiceSignsInOnce() {
        String user = viewerAtIdp("twice");
        var browser = new OidcBrowser();
        var answer = heldAnswer(browser, user);
        var first = browser.followRedirects(browser.get(answer));
        assertThat(first.status()).isEqualTo(200);
        int exchanges = IDP.tokenRequests();

        var stranger = new OidcBrowser();
        var second = stranger.followRedirects(stranger.get(answer));

        assertRefusedPage(stranger, second, "authorization_request_not_found", "state");
        assertThat(IDP.tokenRequests()).isEqualTo(exchanges);
    }

    @Test
    void theProvidersOwnRefusalIsShownAndRecorded() {
        String user = viewerAtIdp("denied");
        var browser = new OidcBrowser();
        var answer = heldAnswer(browser, user);
        var denial = Map.of("error", "access_denied", "state", OidcBrowser.query(answer).get("state"));

        var refused = browser.followRedirects(browser.get(OidcBrowser.withQuery(answer, denial)));

        assertRefusedPage(browser, refused, "access_denied", "did not let you sign in");
    }

    /**
     * Signs in at the provider and holds its answer (the redirect to the console's
     * callback) before the console sees it.
     */
    private URI heldAnswer(OidcBrowser browser, String user) {
        var loginPage = browser.followRedirects(browser.get(console("/sso/" + PROVIDER)));
        var answer = browser.followRedirectsUntil(browser.signInAtIdp(loginPage, user, PASSWORD),
                OidcBrowser::isCallback);
        assertThat(OidcBrowser.isCallback(answer.location())).isTrue();
        return answer.location();
    }

    private void assertRefused(OidcBrowser browser, String user, String error, String sentence) {
        var refused = signIn(browser, user);
        assertRefusedPage(browser, refused, error, sentence);
        assertThat(AuditTestEvents.of(auditLog, actor(user))).as("no event under the user: nobody signed in").isEmpty();
    }

    private void assertRefusedPage(OidcBrowser browser, OidcBrowser.Response refused, String error, String sentence) {
        assertThat(refused.uri().getPath()).isEqualTo("/sso/refused");
        assertThat(refused.body()).contains("Sign-in refused", sentence);
        assertThat(browser.get(console("/key-stores")).location().getPath()).as("nobody signed in").isEqualTo("/login");
        assertThat(AuditTestEvents.of(auditLog, "anonymous")
            .stream()
            .filter(entry -> entry.event().action().equals("SIGN_IN"))
            .filter(entry -> entry.details()
                .stream()
                .anyMatch(p -> p.name().equals("error") && error.equals(String.valueOf(p.value())))))
            .as("a failed sign-in recorded with the error %s", error)
            .isNotEmpty()
            .allSatisfy(entry -> assertThat(entry.outcome()).hasToString("FAILED"));
    }

}
