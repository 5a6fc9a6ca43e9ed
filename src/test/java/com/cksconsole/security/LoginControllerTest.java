package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.cksconsole.security.accounts.TargetGrantRepository;
import com.cksconsole.security.accounts.UserAccountRepository;

/** Slice test: the sign-in page and the security headers every page carries. */
@WebMvcTest(LoginController.class)
@Import({ SecurityConfiguration.class, LoginControllerTest.Collaborators.class })
class LoginControllerTest {

    /**
     * What the security configuration needs beside the web slice (the Clock comes from
     * ConsoleApplication).
     */
    @TestConfiguration
    @EnableConfigurationProperties(SignInProperties.class)
    static class Collaborators {

    }

    @MockitoBean
    SignInThrottle throttle;

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    UserAccountRepository users;

    @MockitoBean
    TargetGrantRepository grants;

    @Test
    void rendersTheSignInFormWithACsrfToken() {
        assertThat(mvc.get().uri("/login")).hasStatusOk()
            .bodyText()
            .contains("<h1>Sign in</h1>")
            .contains("name=\"username\"")
            .contains("name=\"password\"")
            .containsPattern("name=\"_csrf\" value=\"[^\"]+\"");
    }

    @Test
    void sendsAStrictContentSecurityPolicyWithoutUnsafeInline() {
        assertThat(mvc.get().uri("/login")).headers()
            .hasValue("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY);
        assertThat(SecurityConfiguration.CONTENT_SECURITY_POLICY)
            .contains("default-src 'self'", "frame-ancestors 'none'")
            .doesNotContain("unsafe-inline", "unsafe-eval");
    }

    @Test
    void sendsTheOtherHardeningHeaders() {
        assertThat(mvc.get().uri("/login")).headers()
            .hasValue("X-Content-Type-Options", "nosniff")
            .hasValue("Referrer-Policy", "no-referrer")
            .hasValue("X-Frame-Options", "DENY")
            .hasValue("Permissions-Policy", SecurityConfiguration.PERMISSIONS_POLICY);
    }

    @Test
    void showsAGenericMessageAfterAFailedSignIn() {
        assertThat(mvc.get().uri("/login?error")).hasStatusOk()
            .bodyText()
            .contains(
                    "The user name or password is not correct, the account is disabled, or there were too many failed attempts: wait a few minutes before you try again.");
    }

}
