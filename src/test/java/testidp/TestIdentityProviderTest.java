package testidp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The single-sign-on tests' identity provider on its own: discovery, the authorization
 * code flow with PKCE through {@link OidcBrowser}, the ID token's claims, and that each
 * attack switch does what it claims, once.
 */
class TestIdentityProviderTest {

    private static final String ALICE_PASSWORD = "alice-password-2026";

    private static TestIdentityProvider idp;

    private static JwtDecoder jwks;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startProvider() {
        idp = TestIdentityProvider.start();
        idp.addUser("alice", ALICE_PASSWORD, "kms-operators", "auditors");
        idp.addUser("bob", "bob-password-2026");
        jwks = NimbusJwtDecoder.withJwkSetUri(idp.issuer() + "/oauth2/jwks").build();
    }

    @AfterAll
    static void stopProvider() {
        idp.close();
    }

    @Test
    void discoveryNamesTheIssuerAndTheEndpoints() throws Exception {
        var discovery = JSONObjectUtils.parse(getJson(idp.issuer() + "/.well-known/openid-configuration"));

        assertThat(idp.issuer()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(discovery).containsEntry("issuer", idp.issuer())
            .containsEntry("authorization_endpoint", idp.issuer() + "/oauth2/authorize")
            .containsEntry("token_endpoint", idp.issuer() + "/oauth2/token")
            .containsEntry("jwks_uri", idp.issuer() + "/oauth2/jwks")
            .containsEntry("end_session_endpoint", idp.issuer() + "/connect/logout");
        assertThat((List<?>) JSONObjectUtils.parse(getJson(idp.issuer() + "/oauth2/jwks")).get("keys")).hasSize(1);
    }

    @Test
    void theCodeFlowWithPkceGivesAVerifiableIdTokenNamingTheUserAndTheirGroups() throws Exception {
        var flow = new Flow(45678);
        var callback = flow.signIn("alice", ALICE_PASSWORD);
        var parameters = OidcBrowser.query(callback.location());
        assertThat(parameters).containsEntry("state", flow.state).containsKey("code");
        assertThat(callback.location().getPort()).isEqualTo(45678);

        Jwt idToken = jwks.decode(flow.exchange(parameters.get("code")).idToken());

        assertThat(idToken.getIssuer()).hasToString(idp.issuer());
        assertThat(idToken.getAudience()).containsExactly(TestIdentityProvider.CLIENT_ID);
        assertThat(idToken.getSubject()).isEqualTo(TestIdentityProvider.subjectOf("alice")).isNotEqualTo("alice");
        assertThat(idToken.getClaimAsString("nonce")).isEqualTo(flow.nonce);
        assertThat(idToken.getClaimAsString("preferred_username")).isEqualTo("alice");
        assertThat(idToken.getClaimAsString("name")).isEqualTo("alice");
        assertThat(idToken.getClaimAsStringList("groups")).containsExactly("kms-operators", "auditors");
    }

    @Test
    void theUserInfoEndpointNamesTheSameSubjectAsTheIdToken() throws Exception {
        var tokens = new Flow(8123).signInAndExchange("alice", ALICE_PASSWORD);

        var response = http.send(HttpRequest.newBuilder(URI.create(idp.issuer() + "/userinfo"))
            .header("Authorization", "Bearer " + tokens.accessToken())
            .GET()
            .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSONObjectUtils.parse(response.body())).containsEntry("sub", TestIdentityProvider.subjectOf("alice"))
            .containsEntry("preferred_username", "alice");
    }

    @Test
    void aLoopbackCallbackIsAcceptedOnAnyPortAndTheProviderSessionCookieKeepsItsOwnName() {
        var browser = new OidcBrowser();
        var first = new Flow(browser, 8123).signIn("alice", ALICE_PASSWORD);
        // Already signed in at the provider: straight back to the second port.
        var second = browser.followRedirectsUntil(browser.get(new Flow(browser, 61000).authorizationRequest()),
                OidcBrowser::isCallback);

        assertThat(first.location().getPort()).isEqualTo(8123);
        assertThat(second.location().getPort()).isEqualTo(61000);
        assertThat(OidcBrowser.query(second.location())).containsKey("code");
        assertThat(browser.cookie(TestIdentityProvider.SESSION_COOKIE)).isPresent();
        assertThat(browser.cookie("JSESSIONID")).isEmpty();
    }

    @Test
    void aLocalhostCallbackIsRefused() {
        var browser = new OidcBrowser();
        var flow = new Flow(browser, 8123);
        var request = OidcBrowser.withQuery(flow.authorizationRequest(),
                with(OidcBrowser.query(flow.authorizationRequest()), "redirect_uri",
                        "http://localhost:8123" + "/login/oauth2/code/" + TestIdentityProvider.REGISTRATION_ID));

        var answer = browser.get(request);

        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void anUnregisteredCallbackPathIsRefusedUntilAllowed() {
        var flow = new Flow(8123);
        flow.callback = "http://127.0.0.1:8123/login/oauth2/code/other-idp";
        assertThat(flow.browser.get(flow.authorizationRequest()).status()).isEqualTo(400);

        idp.allowRedirectUri("http://127.0.0.1/login/oauth2/code/other-idp");
        var callback = flow.signIn("alice", ALICE_PASSWORD);

        assertThat(callback.location()).hasPath("/login/oauth2/code/other-idp");
    }

    @Test
    void anAuthorizationRequestWithoutACodeChallengeIsRefused() {
        var flow = new Flow(8123);
        var withoutChallenge = OidcBrowser.query(flow.authorizationRequest());
        withoutChallenge.remove("code_challenge");
        withoutChallenge.remove("code_challenge_method");

        var answer = flow.browser.followRedirectsUntil(
                flow.browser.get(OidcBrowser.withQuery(flow.authorizationRequest(), withoutChallenge)),
                OidcBrowser::isCallback);

        assertThat(answer.isRedirect()).isTrue();
        assertThat(OidcBrowser.query(answer.location())).containsEntry("error", "invalid_request")
            .doesNotContainKey("code");
    }

    @Test
    void aWrongPasswordStaysAtTheProvider() {
        var flow = new Flow(8123);
        var loginPage = flow.browser.followRedirects(flow.browser.get(flow.authorizationRequest()));

        var answer = flow.browser.signInAtIdp(loginPage, "alice", "wrong-password");

        assertThat(answer.location()).hasToString(idp.issuer() + "/login?error");
    }

    @Test
    void changedGroupsAndDisplayNameReachTheNextIdTokenButTheSubjectStays() {
        idp.addUser("carol", "carol-password-2026", "auditors");
        idp.setGroups("carol", "kms-admins");
        idp.setDisplayName("carol", "Carol Example");

        Jwt idToken = jwks.decode(new Flow(8123).signInAndExchange("carol", "carol-password-2026").idToken());

        assertThat(idToken.getClaimAsStringList("groups")).containsExactly("kms-admins");
        assertThat(idToken.getClaimAsString("preferred_username")).isEqualTo("Carol Example");
        assertThat(idToken.getClaimAsString("name")).isEqualTo("Carol Example");
        assertThat(idToken.getSubject()).isEqualTo(TestIdentityProvider.subjectOf("carol"));
    }

    @Test
    void aUserWithoutGroupsHasAnEmptyGroupsClaim() {
        Jwt idToken = jwks.decode(new Flow(8123).signInAndExchange("bob", "bob-password-2026").idToken());

        assertThat(idToken.getClaimAsStringList("groups")).isEmpty();
    }

    @Test
    void aTamperedIdTokenCarriesTheNewClaimsUnderTheOldSignatureOnce() throws Exception {
        idp.tamperNextIdToken(Map.of("groups", List.of("kms-operators", "auditors", "kms-admins")));

        String tampered = new Flow(8123).signInAndExchange("alice", ALICE_PASSWORD).idToken();
        String next = new Flow(8123).signInAndExchange("alice", ALICE_PASSWORD).idToken();

        var jwt = SignedJWT.parse(tampered);
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("groups")).contains("kms-admins");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(idp.signingPublicKey().getKeyID());
        assertThatThrownBy(() -> jwks.decode(tampered)).isInstanceOf(JwtException.class)
            .hasMessageContaining("signature");
        assertThat(jwks.decode(next).getClaimAsStringList("groups")).doesNotContain("kms-admins");
    }

    @Test
    void aWrongNonceComesInAProperlySignedIdTokenOnce() {
        idp.nextIdTokenNonce("not-the-nonce-sent");

        var flow = new Flow(8123);
        Jwt wrong = jwks.decode(flow.signInAndExchange("alice", ALICE_PASSWORD).idToken());
        var nextFlow = new Flow(8123);
        Jwt next = jwks.decode(nextFlow.signInAndExchange("alice", ALICE_PASSWORD).idToken());

        assertThat(wrong.getClaimAsString("nonce")).isEqualTo("not-the-nonce-sent").isNotEqualTo(flow.nonce);
        assertThat(next.getClaimAsString("nonce")).isEqualTo(nextFlow.nonce);
    }

    @Test
    void anIdTokenSignedWithAForeignKeyFailsVerificationOnce() throws Exception {
        idp.nextIdTokenSignedWithForeignKey();

        String foreign = new Flow(8123).signInAndExchange("alice", ALICE_PASSWORD).idToken();
        String next = new Flow(8123).signInAndExchange("alice", ALICE_PASSWORD).idToken();

        var jwt = SignedJWT.parse(foreign);
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(TestIdentityProvider.subjectOf("alice"));
        assertThat(jwt.getHeader().getKeyID()).isNotEqualTo(idp.signingPublicKey().getKeyID());
        assertThatThrownBy(() -> jwks.decode(foreign)).isInstanceOf(JwtException.class);
        assertThat(jwks.decode(next).getSubject()).isEqualTo(TestIdentityProvider.subjectOf("alice"));
    }

    @Test
    void aWrongIssuerComesInAProperlySignedIdTokenOnce() {
        idp.nextIdTokenIssuer("http://127.0.0.1:9/not-the-issuer");

        Jwt wrong = jwks.decode(new Flow(8123).signInAndExchange("alice", ALICE_PASSWORD).idToken());
        Jwt next = jwks.decode(new Flow(8123).signInAndExchange("alice", ALICE_PASSWORD).idToken());

        assertThat(wrong.getIssuer()).hasToString("http://127.0.0.1:9/not-the-issuer");
        assertThat(next.getIssuer()).hasToString(idp.issuer());
    }

    @Test
    void aWrongAudienceComesInAProperlySignedIdTokenOnce() {
        idp.nextIdTokenAudience("another-client");

        Jwt wrong = jwks.decode(new Flow(8123).signInAndExchange("alice", ALICE_PASSWORD).idToken());
        Jwt next = jwks.decode(new Flow(8123).signInAndExchange("alice", ALICE_PASSWORD).idToken());

        assertThat(wrong.getAudience()).containsExactly("another-client");
        assertThat(next.getAudience()).containsExactly(TestIdentityProvider.CLIENT_ID);
    }

    @Test
    void aCodeIsRedeemedOnceAndEveryTokenRequestIsCounted() throws Exception {
        var flow = new Flow(8123);
        String code = OidcBrowser.query(flow.signIn("alice", ALICE_PASSWORD).location()).get("code");
        int before = idp.tokenRequests();

        var first = flow.tokenRequest(code);
        var replay = flow.tokenRequest(code);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(JSONObjectUtils.parse(replay.body())).containsEntry("error", "invalid_grant");
        assertThat(idp.tokenRequests()).isEqualTo(before + 2);
    }

    @Test
    void aCodeNeedsItsCodeVerifier() throws Exception {
        var flow = new Flow(8123);
        String code = OidcBrowser.query(flow.signIn("alice", ALICE_PASSWORD).location()).get("code");
        flow.verifier = codeVerifier();

        var answer = flow.tokenRequest(code);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSONObjectUtils.parse(answer.body())).containsEntry("error", "invalid_grant");
    }

    @Test
    void signingOutAtTheEndSessionEndpointReturnsToTheConsoleOnAnyLoopbackPort() {
        var flow = new Flow(8123);
        String idToken = flow.signInAndExchange("alice", ALICE_PASSWORD).idToken();

        var logout = flow.browser.get(endSession(idToken, "http://127.0.0.1:8124/login?signedOut"));
        var relogin = flow.browser
            .followRedirects(flow.browser.get(new Flow(flow.browser, 8123).authorizationRequest()));

        assertThat(logout.location()).hasToString("http://127.0.0.1:8124/login?signedOut");
        // Signed out at the provider: the next authorization request asks for the
        // password again.
        assertThat(relogin.uri()).hasToString(idp.issuer() + "/login");
    }

    @Test
    void anUnregisteredPostLogoutRedirectIsRefusedUntilAllowed() {
        var flow = new Flow(8123);
        String idToken = flow.signInAndExchange("alice", ALICE_PASSWORD).idToken();

        var refused = flow.browser.get(endSession(idToken, "http://127.0.0.1:8124/elsewhere"));
        idp.allowPostLogoutRedirectUri("http://127.0.0.1/elsewhere");
        var allowed = flow.browser.get(endSession(idToken, "http://127.0.0.1:8124/elsewhere"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(allowed.location()).hasToString("http://127.0.0.1:8124/elsewhere");
    }

    private static URI endSession(String idToken, String postLogoutRedirectUri) {
        return OidcBrowser.withQuery(URI.create(idp.issuer() + "/connect/logout"),
                Map.of("id_token_hint", idToken, "post_logout_redirect_uri", postLogoutRedirectUri));
    }

    private String getJson(String url) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static Map<String, String> with(Map<String, String> parameters, String name, String value) {
        var changed = new LinkedHashMap<>(parameters);
        changed.put(name, value);
        return changed;
    }

    private static String codeVerifier() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * What the console's OAuth client does, by hand: one authorization request and its
     * code.
     */
    private final class Flow {

        final OidcBrowser browser;

        final String state = UUID.randomUUID().toString();

        final String nonce = UUID.randomUUID().toString();

        String verifier = codeVerifier();

        final String challenge = challengeOf(verifier);

        String callback;

        Flow(int callbackPort) {
            this(new OidcBrowser(), callbackPort);
        }

        Flow(OidcBrowser browser, int callbackPort) {
            this.browser = browser;
            // Nothing listens there: the flow stops at the redirect, as a console test
            // can.
            this.callback = "http://127.0.0.1:" + callbackPort + "/login/oauth2/code/"
                    + TestIdentityProvider.REGISTRATION_ID;
        }

        URI authorizationRequest() {
            var parameters = new LinkedHashMap<String, String>();
            parameters.put("response_type", "code");
            parameters.put("client_id", TestIdentityProvider.CLIENT_ID);
            parameters.put("scope", "openid profile email");
            parameters.put("state", state);
            parameters.put("nonce", nonce);
            parameters.put("redirect_uri", callback);
            parameters.put("code_challenge", challenge);
            parameters.put("code_challenge_method", "S256");
            return OidcBrowser.withQuery(URI.create(idp.issuer() + "/oauth2/authorize"), parameters);
        }

        /** Up to the provider's redirect to the callback, not followed. */
        OidcBrowser.Response signIn(String username, String password) {
            var loginPage = browser.followRedirects(browser.get(authorizationRequest()));
            assertThat(loginPage.uri()).hasToString(idp.issuer() + "/login");
            var callbackRedirect = browser.followRedirectsUntil(browser.signInAtIdp(loginPage, username, password),
                    OidcBrowser::isCallback);
            assertThat(callbackRedirect.isRedirect()).as(browser.hops().toString()).isTrue();
            return callbackRedirect;
        }

        Tokens signInAndExchange(String username, String password) {
            return exchange(OidcBrowser.query(signIn(username, password).location()).get("code"));
        }

        Tokens exchange(@Nullable String code) {
            try {
                var response = tokenRequest(code);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                var json = JSONObjectUtils.parse(response.body());
                return new Tokens((String) json.get("id_token"), (String) json.get("access_token"));
            }
            catch (ParseException e) {
                throw new AssertionError(e);
            }
        }

        /**
         * The console's back-channel request: client_secret_basic and the PKCE verifier.
         */
        HttpResponse<String> tokenRequest(@Nullable String code) {
            var form = new LinkedHashMap<String, String>();
            form.put("grant_type", "authorization_code");
            form.put("code", code == null ? "" : code);
            form.put("redirect_uri", callback);
            form.put("code_verifier", verifier);
            String basic = Base64.getEncoder()
                .encodeToString((TestIdentityProvider.CLIENT_ID + ":" + TestIdentityProvider.CLIENT_SECRET)
                    .getBytes(StandardCharsets.UTF_8));
            try {
                return http.send(HttpRequest.newBuilder(URI.create(idp.issuer() + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(OidcBrowser.formEncoded(form)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            }
            catch (IOException e) {
                throw new AssertionError(e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        private static String challengeOf(String verifier) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
            }
            catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

    }

    private record Tokens(String idToken, String accessToken) {
    }

}
