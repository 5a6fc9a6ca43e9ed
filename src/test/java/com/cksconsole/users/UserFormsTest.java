package com.cksconsole.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.cksconsole.audit.AuditTrail;
import com.cksconsole.security.SecurityPolicyTestBeans;
import com.cksconsole.security.accounts.PasswordPolicy;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.TargetGrantRepository;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.targets.Targets;

/**
 * Slice test of the Users pages' forms with a password (add a user, reset a password),
 * under the console's real security policy: each password input tells password managers
 * it holds a new password, and a refused form shows every problem at once, each message
 * once.
 */
@WebMvcTest(UserAdministrationController.class)
@Import({ UserAdministrationService.class, PasswordPolicy.class, SecurityPolicyTestBeans.class })
class UserFormsTest {

    private static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    PasswordEncoder encoder;

    @MockitoBean
    UserAccountRepository users;

    @MockitoBean
    AuditTrail audit;

    @MockitoBean
    TargetGrantRepository grants;

    @MockitoBean
    Targets targets;

    @Test
    void anAdministratorSetsNewPasswordsForOtherUsers() {
        given(users.findByUsername("alice")).willReturn(Optional.of(account("alice")));
        assertThat(mvc.get().uri("/users/new").with(ADMIN)).hasStatusOk()
            .bodyText()
            .containsPattern(input("password", "new-password"));
        assertThat(mvc.get().uri("/users/alice").with(ADMIN)).hasStatusOk()
            .bodyText()
            .containsPattern(input("password", "new-password"));
    }

    @Test
    void aNewUserShowsEveryProblemAtOnce() throws Exception {
        String page = mvc.post()
            .uri("/users")
            .with(ADMIN)
            .with(csrf())
            .param("username", "Not A Name")
            .param("password", "short")
            .exchange()
            .getResponse()
            .getContentAsString();

        assertThat(page).contains("<a href=\"#username\">Use 3 to 64 characters")
            .contains("<a href=\"#roles\">Choose at least one role, or a role on a target.</a>")
            .contains("<a href=\"#password\">Use at least 12 characters.</a>")
            .contains("id=\"username-error\"")
            .contains("id=\"roles-error\"")
            .contains("id=\"password-error\"")
            .contains("value=\"Not A Name\"")
            .doesNotContain("value=\"short\"");
        assertThat(occurrences(page, "Choose at least one role, or a role on a target.")).as("summary and field")
            .isEqualTo(2);
    }

    @Test
    void aTakenNameAndAWeakPasswordAreBothReported() throws Exception {
        given(users.findByUsername("taken-name")).willReturn(Optional.of(account("taken-name")));
        String page = mvc.post()
            .uri("/users")
            .with(ADMIN)
            .with(csrf())
            .param("username", "taken-name")
            .param("roles", "VIEWER")
            .param("password", "password1234")
            .exchange()
            .getResponse()
            .getContentAsString();

        assertThat(page).contains("<a href=\"#username\">A user with this name already exists.</a>")
            .contains("<a href=\"#password\">This password is too common.");
    }

    private UserAccount account(String name) {
        return new UserAccount(name, encoder.encode("the-current-passphrase-1"), Set.of(Role.ADMIN), true, false);
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
