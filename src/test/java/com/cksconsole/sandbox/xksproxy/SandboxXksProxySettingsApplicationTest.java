package com.cksconsole.sandbox.xksproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * The sandbox setting that sets a prefix's behaviour now: ADMIN only, with the CSRF
 * token.
 */
@ConsoleApplicationTest
class SandboxXksProxySettingsApplicationTest {

    private static final String PATH = SandboxXksProxySettingsRoutes.PATH;

    @LocalServerPort
    int port;

    @Autowired
    SandboxProxyBehaviours behaviours;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder encoder;

    @AfterEach
    void backToConfiguration() {
        behaviours.clear("/tenant-dr");
    }

    @Test
    void anAdministratorSetsABehaviourAndReturnsThePrefixToItsConfiguration() {
        var admin = admin();

        var set = admin.postForm(PATH, Map.of("prefix", "/tenant-dr", "behaviour", "one-ekm-left"));
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).contains("now answers one-ekm-left");
        assertThat(behaviours.current("/tenant-dr")).contains(ProxyBehaviour.ONE_EKM_LEFT);

        var cleared = admin.postForm(PATH, Map.of("prefix", "/tenant-dr", "behaviour", "configured"));
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(behaviours.current("/tenant-dr")).contains(ProxyBehaviour.HEALTHY);
    }

    @Test
    void withoutTheCsrfTokenNothingChanges() {
        var response = admin().postFormWithoutToken(PATH, Map.of("prefix", "/tenant-dr", "behaviour", "unavailable"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(behaviours.current("/tenant-dr")).contains(ProxyBehaviour.HEALTHY);
    }

    @Test
    void anotherRoleIsRefused() {
        String name = "sandbox-viewer-" + UUID.randomUUID().toString().substring(0, 8);
        users.insert(new UserAccount(name, encoder.encode("viewer-password-2026"), Set.of(Role.OPERATOR), true, false));
        var operator = ConsoleHttpClient.signedIn(port, name, "viewer-password-2026");
        operator.get("/");

        var response = operator.postForm(PATH, Map.of("prefix", "/tenant-dr", "behaviour", "unavailable"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(behaviours.current("/tenant-dr")).contains(ProxyBehaviour.HEALTHY);
    }

    @Test
    void anUnknownPrefixOrBehaviourIsABadRequest() {
        var admin = admin();

        assertThat(admin.postForm(PATH, Map.of("prefix", "/nope", "behaviour", "slow")).statusCode()).isEqualTo(400);
        assertThat(admin.postForm(PATH, Map.of("prefix", "/tenant-dr", "behaviour", "asleep")).statusCode())
            .isEqualTo(400);
    }

    private ConsoleHttpClient admin() {
        var admin = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        // A page with a form, for the CSRF token.
        admin.get("/");
        return admin;
    }

}
