package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.cksconsole.audit.AuditTrail;
import com.cksconsole.security.accounts.PasswordPolicy;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.TargetGrantRepository;
import com.cksconsole.security.accounts.UserAccountRepository;

/**
 * Slice test of the forms with a console user's own password (sign-in, change password;
 * the Users pages have theirs in {@code UserFormsTest} of the users module): each
 * password input tells password managers what it holds, and a refused form shows every
 * problem at once, each message once, several messages of one field each on its own line.
 */
@WebMvcTest({ LoginController.class, PasswordChangeController.class })
@Import({ SecurityConfiguration.class, PasswordPolicy.class, PasswordFormsTest.Collaborators.class })
class PasswordFormsTest {

    private static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

    private static final String CURRENT = "the-current-passphrase-1";

    @TestConfiguration
    @EnableConfigurationProperties(SignInProperties.class)
    static class Collaborators {

    }

    @Autowired
    MockMvcTester mvc;

    @Autowired
    PasswordEncoder encoder;

    @MockitoBean
    SignInThrottle throttle;

    @MockitoBean
    UserAccountRepository users;

    @MockitoBean
    TargetGrantRepository grants;

    @MockitoBean
    AuditTrail audit;

    @MockitoBean
    CurrentPasswordCheck currentPassword;

    @Test
    void signInAsksForTheUsersCurrentPassword() {
        assertThat(mvc.get().uri("/login")).hasStatusOk()
            .bodyText()
            .containsPattern(input("username", "username"))
            .containsPattern(input("password", "current-password"));
    }

    @Test
    void changingThePasswordAsksForTheCurrentOneAndOffersANewOne() {
        assertThat(mvc.get().uri("/account/password").with(ADMIN)).hasStatusOk()
            .bodyText()
            .containsPattern(input("currentPassword", "current-password"))
            .containsPattern(input("newPassword", "new-password"))
            .containsPattern(input("confirmPassword", "new-password"))
            .as("the account the new password is for")
            .containsPattern("<input(?=[^>]*autocomplete=\"username\")(?=[^>]*value=\"admin\")[^>]*\\shidden[\\s>]");
    }

    @Test
    void aPasswordChangeShowsEveryProblemAtOnce() throws Exception {
        given(users.findByUsername("admin")).willReturn(Optional.of(account("admin")));
        given(currentPassword.check(any(), eq("not-the-current-one"), any()))
            .willReturn(CurrentPasswordCheck.Result.WRONG);
        String page = mvc.post()
            .uri("/account/password")
            .with(ADMIN)
            .with(csrf())
            .param("currentPassword", "not-the-current-one")
            .param("newPassword", "ADMIN")
            .param("confirmPassword", "something-else")
            .exchange()
            .getResponse()
            .getContentAsString();

        assertThat(page).contains("<a href=\"#currentPassword\">The current password is not correct.</a>")
            .contains("<a href=\"#newPassword\">Use at least 12 characters.</a>")
            .contains("<a href=\"#newPassword\">The password must not be your user name.</a>")
            .contains("<a href=\"#confirmPassword\">The two new passwords differ.</a>");
        assertThat(occurrences(page, "The current password is not correct.")).as("summary and field").isEqualTo(2);
        assertThat(occurrences(page, "The two new passwords differ.")).as("summary and field").isEqualTo(2);
        assertThat(page).containsPattern(Pattern.compile("<ul class=\"field__error field__error-list\" "
                + "id=\"newPassword-error\">\\s*<li>.*Use at least 12 characters.*</li>\\s*<li>.*not be your user name.*</li>",
                Pattern.DOTALL));
        assertThat(page).doesNotContain("not-the-current-one", "something-else");
    }

    private UserAccount account(String name) {
        return new UserAccount(name, encoder.encode(CURRENT), Set.of(Role.ADMIN), true, false);
    }

    /**
     * A password or user name input with the given autocomplete token, attributes in any
     * order.
     */
    private static Pattern input(String name, String autocomplete) {
        return Pattern
            .compile("<input(?=[^>]*name=\"" + name + "\")(?=[^>]*autocomplete=\"" + autocomplete + "\")[^>]*>");
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

}
