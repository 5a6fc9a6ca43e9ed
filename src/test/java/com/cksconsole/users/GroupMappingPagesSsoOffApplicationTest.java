package com.cksconsole.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.cksconsole.security.accounts.GroupMappingRepository;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.support.ConsoleApplicationTest;

/**
 * The group mappings page in the shared test context, where no identity provider is
 * configured: it says single sign-on is off and how to turn it on, still lists the
 * mappings kept from an earlier configuration, and adds none.
 */
@ConsoleApplicationTest
@AutoConfigureMockMvc
class GroupMappingPagesSsoOffApplicationTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    GroupMappingRepository mappings;

    @Test
    void withoutAProviderThePageSaysSingleSignOnIsOffAndStillListsTheMappings() {
        String group = "left-over-" + UUID.randomUUID().toString().substring(0, 8);
        var kept = mappings.add("former-idp", group, Optional.empty(), Role.VIEWER, "earlier-admin").orElseThrow();
        try {
            var admin = user("sso-off-admin").roles("ADMIN");
            assertThat(mvc.get().uri("/users/group-mappings").with(admin)).hasStatusOk()
                .bodyText()
                .contains("Single sign-on is off")
                .contains("console.sso.providers.&lt;id&gt;")
                .contains("docs/sso.md")
                .contains(group, "(ID former-idp)")
                .contains("not configured (any more)")
                .doesNotContain("Map a group to a role");

            assertThat(mvc.post()
                .uri("/users/group-mappings")
                .with(admin)
                .with(csrf())
                .param("provider", "former-idp")
                .param("group", group + "-new")
                .param("scope", GroupMappingForm.CONSOLE_WIDE)
                .param("role", "VIEWER")).hasStatusOk();
            assertThat(mappings.forProvider("former-idp")).containsExactly(kept);
        }
        finally {
            mappings.remove(kept.id());
        }
    }

}
