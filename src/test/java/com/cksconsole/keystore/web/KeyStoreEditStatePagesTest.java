package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.kms.ConnectionState;

/**
 * The edit forms by state: one banner with the reason and the way out when nothing can
 * change (import and review disabled), one state hint per fieldset otherwise, the store's
 * fields before the proxy configuration import, and the VPC endpoint service fields only
 * for VPC endpoint service connectivity.
 */
class KeyStoreEditStatePagesTest extends KeyStoreWebSliceTest {

    private static final String BANNER = "id=\"nothing-can-change\"";

    private static final String REVIEW_DISABLED = "<button type=\"submit\" class=\"button\" disabled=\"disabled\">"
            + "Review the change</button>";

    private static final String IMPORT_DISABLED = "id=\"proxy-config-import\" data-drop-zone disabled=\"disabled\"";

    private final MockHttpSession session = new MockHttpSession();

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ConnectionState.class, names = { "FAILED", "CONNECTING", "DISCONNECTING" })
    void whenNothingCanChangeTheXksFormHasOneBannerNoWarningPerFieldAndNoUsableReviewOrImport(ConnectionState state) {
        var store = TestKeyStores.xksPublic(state);

        String page = edit(store);

        assertThat(count(page, BANNER)).isEqualTo(1);
        assertThat(page).contains(REVIEW_DISABLED)
            .contains(IMPORT_DISABLED)
            .contains("<button type=\"submit\" hidden disabled=\"disabled\"></button>")
            .doesNotContain("field__locked")
            .doesNotContain("Cannot change now")
            .doesNotContain("field__requirement")
            .containsPattern("name=\"xksProxyUriPath\"[^>]*readonly");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ConnectionState.class, names = { "FAILED", "CONNECTING", "DISCONNECTING" })
    void whenNothingCanChangeTheCloudHsmFormHasOneBannerAndNoUsableReview(ConnectionState state) {
        var store = TestKeyStores.cloudHsm(state);

        String page = edit(store);

        assertThat(count(page, BANNER)).isEqualTo(1);
        assertThat(page).contains(REVIEW_DISABLED)
            .doesNotContain("field__locked")
            .containsPattern("name=\"cloudHsmClusterId\"[^>]*readonly");
    }

    @Test
    void aFailedStoresBannerGivesTheReasonAndTheDisconnectAsTheWayOut() {
        var store = TestKeyStores.xksPublic(ConnectionState.FAILED);

        assertThat(banner(edit(store))).contains("FAILED: nothing can change until you disconnect it.")
            .contains("<code>XKS_PROXY_TIMED_OUT</code>")
            .contains("href=\"/t/default/key-stores/" + store.id() + "/disconnect\">Disconnect…</a>");
    }

    @Test
    void aDisconnectingStoresBannerSaysToWaitAndOffersNoDisconnect() {
        var store = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTING);

        assertThat(banner(edit(store))).contains("DISCONNECTING: nothing can change until it is DISCONNECTED.")
            .contains("Come back once it is DISCONNECTED")
            .doesNotContain("/disconnect\"");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ConnectionState.class, names = { "CONNECTED", "DISCONNECTED" })
    void whenSomethingCanChangeThereIsNoBannerAndReviewAndImportWork(ConnectionState state) {
        var store = TestKeyStores.xksPublic(state);

        assertThat(edit(store)).doesNotContain(BANNER)
            .doesNotContain("disabled=\"disabled\">Review")
            .contains("<button type=\"submit\" class=\"button\">Review the change</button>")
            .contains("id=\"proxy-config-import\" data-drop-zone>");
    }

    @Test
    void aConnectedXksFormHasOneStateHintPerFieldsetAndNoneRepeatedUnderEachField() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);

        String page = edit(store);

        assertThat(count(page, "field__requirement")).as("name, location, VPC service, credential").isEqualTo(4);
        assertThat(page).contains("The proxy URI path can change now. The proxy URI endpoint and proxy connectivity "
                + "need the key store DISCONNECTED, and it is CONNECTED");
        assertThat(count(page, WhatCanChange.GUIDED_CHANGE)).as("location and VPC service fieldsets").isEqualTo(2);
    }

    @Test
    void aConnectedCloudHsmFormHasOneHintForTheNameAndOneForTheClusterFieldset() {
        var store = TestKeyStores.cloudHsm(ConnectionState.CONNECTED);

        String page = edit(store);

        assertThat(count(page, "field__requirement")).isEqualTo(2);
        assertThat(page).contains("<legend>CloudHSM cluster</legend>")
            .contains("These need the key store DISCONNECTED, and it is CONNECTED");
    }

    @Test
    void theStoresFieldsComeBeforeTheProxyConfigurationImport() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);

        String page = edit(store);

        assertThat(page.indexOf("id=\"newCustomKeyStoreName\"")).isPositive()
            .isLessThan(page.indexOf("id=\"xksProxyAuthenticationCredential.accessKeyId\""));
        assertThat(page.indexOf(">Review the change</button>")).isLessThan(page.indexOf("id=\"proxy-config-import\""));
        assertThat(page).contains("<legend>Or fill in from a proxy configuration file</legend>")
            .contains("form-secondary");
    }

    @Test
    void aPublicStoresVpcFieldsAreInThePageHiddenAndDisabled() {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTED);

        // Thymeleaf writes the two attributes in either order.
        assertThat(edit(store))
            .containsPattern("<fieldset(?=[^>]*id=\"vpc-endpoint-service\")(?=[^>]*\\shidden=\"hidden\")"
                    + "(?=[^>]*\\sdisabled=\"disabled\")[^>]*data-vpc-fields[^>]*>")
            .containsPattern("<script src=\"/js/connectivity(-[0-9a-f]{32})?\\.js\" defer></script>");
    }

    @Test
    void aVpcStoresVpcFieldsAreShown() {
        var store = TestKeyStores.xksVpc(ConnectionState.DISCONNECTED);

        assertThat(edit(store)).contains("id=\"vpc-endpoint-service\" data-vpc-fields>")
            .contains("name=\"xksProxyVpcEndpointServiceName\" value=\"" + TestKeyStores.VPC_SERVICE + "\"");
    }

    @Test
    void withoutScriptChoosingVpcConnectivityBringsTheFormBackWithTheVpcFields() throws Exception {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTED);
        known(store);
        var request = mvc.post()
            .uri("/t/default/key-stores/" + store.id() + "/edit/xks")
            .session(session)
            .with(operator())
            .with(csrf());
        FormPosts
            .xks(store, XksUpdateForm.CONNECTIVITY, "VPC_ENDPOINT_SERVICE", XksUpdateForm.ENDPOINT,
                    "https://xks-private.sandbox.example.com")
            .forEach(request::param);

        String page = request.exchange().getResponse().getContentAsString();

        assertThat(page).contains("id=\"vpc-endpoint-service\" data-vpc-fields>")
            .contains("<a href=\"#xksProxyVpcEndpointServiceName\">Switching to a VPC endpoint service needs "
                    + "the name");
    }

    @Test
    void aVpcStoreSwitchedToAPublicEndpointKeepsShowingTheFieldsThatMustBeCleared() throws Exception {
        var store = TestKeyStores.xksVpc(ConnectionState.DISCONNECTED);
        known(store);
        var request = mvc.post()
            .uri("/t/default/key-stores/" + store.id() + "/edit/xks")
            .session(session)
            .with(operator())
            .with(csrf());
        FormPosts
            .xks(store, XksUpdateForm.CONNECTIVITY, "PUBLIC_ENDPOINT", XksUpdateForm.ENDPOINT,
                    "https://xks-public.sandbox.example.com")
            .forEach(request::param);

        assertThat(request.exchange().getResponse().getContentAsString())
            .contains("id=\"vpc-endpoint-service\" data-vpc-fields>")
            .contains("A public endpoint has no VPC endpoint service: clear this field.");
    }

    private String edit(CustomKeyStore store) {
        known(store);
        try {
            return mvc.get()
                .uri("/t/default/key-stores/" + store.id() + "/edit")
                .with(operator())
                .exchange()
                .getResponse()
                .getContentAsString();
        }
        catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String banner(String page) {
        int start = page.indexOf(BANNER);
        return page.substring(start, page.indexOf("</section>", start));
    }

    private static long count(String text, String part) {
        return Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }

    private static RequestPostProcessor operator() {
        return user("olivia").roles("OPERATOR");
    }

}
