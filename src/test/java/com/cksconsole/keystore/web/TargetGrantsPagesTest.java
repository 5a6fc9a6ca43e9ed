package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.UserRequestPostProcessor;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.cksconsole.support.ConsoleApplicationTest;

/**
 * The key store pages for users whose rights come from grants on one target: the list,
 * the chooser and the overview show that target only, and the change buttons appear where
 * the grant allows a change.
 */
@ConsoleApplicationTest
@AutoConfigureMockMvc
class TargetGrantsPagesTest {

    static final String SAME_ID = FleetApplicationTest.SAME_ID;

    @Autowired
    MockMvcTester mvc;

    private static UserRequestPostProcessor granted(String name, String authority) {
        return user(name).authorities(new SimpleGrantedAuthority(authority));
    }

    @Test
    void aViewerOfOneTargetSeesOnlyThatTargetsStoresAndChoices() {
        var viewer = granted("prod-viewer", "TARGET_VIEWER:prod-eu");

        assertThat(mvc.get().uri("/key-stores?target=all").with(viewer)).hasStatusOk()
            .bodyText()
            .contains("prod-eu-ekm", "prod-eu-hsm", "<option value=\"prod-eu\"")
            .doesNotContain("staging-eu-ekm", "finance-hsm-primary", "<option value=\"staging-eu\"");
        assertThat(mvc.get().uri("/").with(viewer)).hasStatusOk()
            .bodyText()
            .contains("prod-eu-ekm")
            .doesNotContain("staging-eu-ekm");
        assertThat(mvc.get().uri("/t/prod-eu/key-stores/" + SAME_ID).with(viewer)).hasStatusOk()
            .bodyText()
            .doesNotContain("Edit this key store");
        assertThat(mvc.get().uri("/t/staging-eu/key-stores/" + SAME_ID).with(viewer)).hasStatus(403);
    }

    @Test
    void theKeyStoresLinkIsShownToWhoeverMayOpenTheList() throws Exception {
        var viewer = granted("prod-viewer", "TARGET_VIEWER:prod-eu");
        var auditor = granted("auditor", "ROLE_AUDITOR");

        assertThat(navigation(mvc.get().uri("/").with(viewer).exchange().getResponse().getContentAsString()))
            .as("rights from a grant only")
            .contains("Key stores");
        assertThat(navigation(mvc.get().uri("/").with(auditor).exchange().getResponse().getContentAsString()))
            .as("no right on key stores")
            .doesNotContain("Key stores");
    }

    private static String navigation(String page) {
        int start = page.indexOf("<nav class=\"site-nav\"");
        assertThat(start).as("the main navigation").isNotNegative();
        return page.substring(start, page.indexOf("</nav>", start));
    }

    @Test
    void anOperatorOfOneTargetIsOfferedChangesThereOnly() {
        var operator = granted("staging-operator", "TARGET_OPERATOR:staging-eu");

        assertThat(mvc.get().uri("/t/staging-eu/key-stores/" + SAME_ID).with(operator)).hasStatusOk()
            .bodyText()
            .contains("staging-eu-ekm", "Edit this key store");
        assertThat(mvc.get().uri("/t/staging-eu/key-stores/" + SAME_ID + "/edit").with(operator)).hasStatusOk();
        assertThat(mvc.get().uri("/t/prod-eu/key-stores/" + SAME_ID).with(operator)).hasStatus(403);
    }

}
