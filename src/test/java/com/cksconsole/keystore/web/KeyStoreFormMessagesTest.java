package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpSession;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.kms.ConnectionState;

/**
 * The edit forms' messages and secrets: each message of a field once (in the summary and
 * at the field), several messages of one field each on its own line, and KMS secrets kept
 * away from password managers (they are not the signed-in user's password: neither filled
 * in nor offered for saving).
 */
class KeyStoreFormMessagesTest extends KeyStoreWebSliceTest {

    private static final String OWNER_MESSAGE = "The owner is an AWS account ID of exactly 12 digits.";

    private final MockHttpSession session = new MockHttpSession();

    @Test
    void aShortVpcEndpointServiceOwnerIsReportedOnceInTheSummaryAndOnceAtTheField() throws Exception {
        var store = TestKeyStores.xksVpc(ConnectionState.DISCONNECTED);
        known(store);

        String page = postXks(store, FormPosts.xks(store, XksUpdateForm.SERVICE_OWNER, "123"));

        assertThat(occurrences(page, "<a href=\"#xksProxyVpcEndpointServiceOwner\">" + OWNER_MESSAGE + "</a>"))
            .as("in the summary")
            .isEqualTo(1);
        assertThat(occurrences(page, OWNER_MESSAGE)).as("in the summary and at the field").isEqualTo(2);
        assertThat(page).containsPattern("<p class=\"field__error\" id=\"xksProxyVpcEndpointServiceOwner-error\">");
    }

    @Test
    void severalMessagesOfOneFieldAreEachOnTheirOwnLine() throws Exception {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTED);
        known(store);

        // Too short and with characters an access key ID never has: two rules, two
        // messages.
        String page = postXks(store, FormPosts.xks(store, XksUpdateForm.ACCESS_KEY_ID, "abc", XksUpdateForm.SECRET,
                KeyStoreEditPagesTest.SECRET));

        var list = Pattern
            .compile("<ul class=\"field__error field__error-list\" "
                    + "id=\"xksProxyAuthenticationCredential\\.accessKeyId-error\">(.*?)</ul>", Pattern.DOTALL)
            .matcher(page);
        assertThat(list.find()).as("the field's messages as a list").isTrue();
        assertThat(occurrences(list.group(1), "<li>")).isEqualTo(2);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({ "true, xksProxyAuthenticationCredential.rawSecretAccessKey", "false, keyStorePassword" })
    void kmsSecretsAreNotForPasswordManagers(boolean external, String secretField) {
        var store = external ? TestKeyStores.xksPublic(ConnectionState.DISCONNECTED)
                : TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED);
        known(store);
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id() + "/edit").with(operator())).hasStatusOk()
            .bodyText()
            .containsPattern(passwordInput(secretField, "off"))
            .doesNotContain("new-password")
            .doesNotContain("current-password");
    }

    private String postXks(CustomKeyStore store, Map<String, String> params) throws Exception {
        var request = mvc.post()
            .uri("/t/default/key-stores/" + store.id() + "/edit/xks")
            .session(session)
            .with(operator())
            .with(csrf());
        params.forEach(request::param);
        var result = request.exchange();
        assertThat(result).hasStatusOk();
        return result.getResponse().getContentAsString();
    }

    private static Pattern passwordInput(String name, String autocomplete) {
        return Pattern.compile("<input(?=[^>]*type=\"password\")(?=[^>]*name=\"" + Pattern.quote(name) + "\")"
                + "(?=[^>]*autocomplete=\"" + autocomplete + "\")[^>]*>");
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor operator() {
        return user("olivia").roles("OPERATOR");
    }

}
