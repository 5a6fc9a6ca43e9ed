package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.TargetGrant;
import com.cksconsole.security.accounts.TargetGrantRepository;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.support.RegisteredTestTargets;
import com.cksconsole.targets.TargetName;

/**
 * Roles per target over real HTTP, through the console's sign-in: a session carries the
 * user's grants (reaching the target of a grant, refused on another), and a grant given
 * or taken away on the Users page ends the user's sessions at their next request.
 */
@ConsoleApplicationTest
class TargetGrantSessionApplicationTest {

    private static final String PASSWORD = "target-grant-passphrase-2026";

    @LocalServerPort
    int port;

    @Autowired
    UserAccountRepository users;

    @Autowired
    TargetGrantRepository grants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ApplicationContext context;

    private TargetName staging;

    private TargetName production;

    @BeforeEach
    void targets() {
        staging = RegisteredTestTargets.ensure(context, "session-staging", "920000000001");
        production = RegisteredTestTargets.ensure(context, "session-prod", "920000000002");
    }

    /**
     * Signed in, with the CSRF token of a page of the new session (as a browser has it).
     */
    private ConsoleHttpClient signedIn(String name) {
        var client = ConsoleHttpClient.signedIn(port, name, PASSWORD);
        assertThat(client.get("/").statusCode()).isEqualTo(200);
        return client;
    }

    private void administrator(String path, Map<String, String> form) {
        var admin = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        admin.get("/users");
        var done = admin.postForm(path, form);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location").orElseThrow()).doesNotContain("/login");
    }

    private static void assertEnded(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow())
            .endsWith(SessionRightsApplicationTest.ENDED);
    }

    @Test
    void aSignedInTargetOperatorReachesTheirTargetOnlyAndNoChangeElsewhere() {
        String name = TestUsers.given(users, encoder, "staging-op", PASSWORD);
        grants.grant(name, new TargetGrant(staging, Role.OPERATOR), "test");
        var session = signedIn(name);

        assertThat(session.get("/t/" + staging + "/key-stores").statusCode()).as("their target").isNotIn(401, 403);
        assertThat(
                session.postForm("/t/" + staging + "/key-stores/cks-0123456789abcdef0/connect", Map.of()).statusCode())
            .as("a change on their target")
            .isNotIn(401, 403);
        assertThat(session.get("/t/" + production + "/key-stores").statusCode()).as("another target").isEqualTo(403);
        assertThat(session.postForm("/t/" + production + "/key-stores/cks-0123456789abcdef0/connect", Map.of())
            .statusCode()).isEqualTo(403);
        // Its one target names an account these sandbox credentials do not reach, so the
        // list
        // shows that target's error (503): what matters here is that the list is not
        // refused.
        assertThat(session.get("/key-stores").statusCode()).as("the list of every target it may see").isNotIn(401, 403);
        assertThat(session.get("/users").statusCode()).isEqualTo(403);
    }

    @Test
    void aGrantGivenOnTheUsersPageEndsTheUsersSessionsAtOnce() {
        String name = TestUsers.given(users, encoder, "granted-later", PASSWORD, Role.VIEWER);
        var old = signedIn(name);
        assertThat(old.postForm("/t/" + staging + "/key-stores/cks-0123456789abcdef0/connect", Map.of()).statusCode())
            .as("a viewer changes nothing")
            .isEqualTo(403);

        administrator("/users/" + name + "/grants", Map.of("target", staging.value(), "role", "OPERATOR"));

        assertEnded(old.get("/key-stores"));
        var fresh = signedIn(name);
        assertThat(fresh.postForm("/t/" + staging + "/key-stores/cks-0123456789abcdef0/connect", Map.of()).statusCode())
            .as("the new right, after signing in again")
            .isNotIn(401, 403);
    }

    @Test
    void aGrantTakenAwayOnTheUsersPageEndsTheUsersSessionsAtOnce() {
        String name = TestUsers.given(users, encoder, "revoked", PASSWORD, Role.VIEWER);
        grants.grant(name, new TargetGrant(production, Role.OPERATOR), "test");
        var old = signedIn(name);
        assertThat(old.get("/t/" + production + "/key-stores").statusCode()).isNotIn(401, 403);

        administrator("/users/" + name + "/grants/" + production + "/revoke", Map.of());

        assertEnded(old.postForm("/t/" + production + "/key-stores/cks-0123456789abcdef0/connect", Map.of()));
        assertThat(signedIn(name).postForm("/t/" + production + "/key-stores/cks-0123456789abcdef0/connect", Map.of())
            .statusCode()).isEqualTo(403);
    }

}
