package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreView;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.support.TestTargets;

/**
 * The edit forms: prefill, locked fields, validation with errors next to fields, state
 * rules, lost update.
 */
class KeyStoreEditPagesTest extends KeyStoreWebSliceTest {

    static final String SECRET = "Mc+9e8GY4mMCd8Eb4mzlEyJH/DMYrHfUQLAb0ZMFv2I=";

    private final MockHttpSession session = new MockHttpSession();

    @Test
    void theXksFormIsPrefilledLocksWhatCannotChangeNowAndNeverHoldsASecret() {
        var store = TestKeyStores.xksPublic(ConnectionState.FAILED);
        known(store);
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id() + "/edit").with(operator())).hasStatusOk()
            .bodyText()
            .contains("name=\"newCustomKeyStoreName\" value=\"ekm-public-tenant-a\"")
            .contains("name=\"xksProxyUriPath\" value=\"/tenant-a/kms/xks/v1\"")
            .contains("name=\"xksProxyAuthenticationCredential.accessKeyId\" value=\"SANDBOXTENANTAKEYID234\"")
            .containsPattern("name=\"xksProxyAuthenticationCredential.rawSecretAccessKey\"\\s+value=\"\"")
            .containsPattern("name=\"xksProxyUriEndpoint\" value=\"https://xks-public.sandbox.example.com\""
                    + "[^>]*aria-describedby=\"xksProxyUriEndpoint-hint\"[^>]*readonly")
            .as("the reason is said once, in the page's banner")
            .doesNotContain("id=\"xksProxyUriEndpoint-locked\"")
            .containsPattern("<select[^>]*id=\"xksProxyConnectivity\"[^>]*disabled")
            .contains("name=\"fingerprint\" value=\"" + store.fingerprint() + "\"");
    }

    @Test
    void aConnectedStoresDisconnectedOnlyFieldsStayEditableWithTheGuidedChangeHint() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id() + "/edit").with(operator())).hasStatusOk()
            .bodyText()
            .doesNotContain("-locked\"")
            .doesNotContain("readonly")
            .doesNotContainPattern("<select[^>]*id=\"xksProxyConnectivity\"[^>]*disabled")
            .contains(WhatCanChange.GUIDED_CHANGE);
    }

    @Test
    void aDisconnectedCloudHsmStoreHasNothingLocked() {
        var store = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED);
        known(store);
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id() + "/edit").with(operator())).hasStatusOk()
            .bodyText()
            .contains("name=\"cloudHsmClusterId\" value=\"cluster-k4p2mq7xa3b\"")
            .containsPattern("name=\"keyStorePassword\"\\s+value=\"\"")
            .doesNotContain("-locked\"")
            .doesNotContain("readonly");
    }

    @Test
    void viewersCannotOpenOrSubmitTheForm() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id() + "/edit").with(user("viewer").roles("VIEWER")))
            .hasStatus(403);
        assertThat(postXks(store, user("viewer").roles("VIEWER"), FormPosts.xks(store, XksUpdateForm.NAME, "x")))
            .hasStatus(403);
    }

    @Test
    void aChangeWithoutCsrfTokenIsRefused() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        var request = mvc.post().uri("/t/default/key-stores/" + store.id() + "/edit/xks").with(operator());
        FormPosts.xks(store, XksUpdateForm.NAME, "renamed").forEach(request::param);
        assertThat(request).hasStatus(403);
    }

    @Test
    void aValidChangeLeadsToItsReviewPage() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        assertThat(postXks(store, FormPosts.xks(store, XksUpdateForm.NAME, "ekm-renamed"))).hasStatus3xxRedirection()
            .redirectedUrl()
            .matches("/t/default/key-stores/" + store.id() + "/review/[A-Za-z0-9_-]{32}");
    }

    @Test
    void invalidInputIsShownNextToItsFieldAndInTheSummaryAndTheOtherInputStays() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        var result = postXks(store, FormPosts.xks(store, XksUpdateForm.NAME, "my-new-name", XksUpdateForm.PATH,
                "/tenant-a/kms/xks/v1/", XksUpdateForm.SECRET, SECRET));
        assertThat(result).hasStatusOk()
            .bodyText()
            .contains("<a href=\"#xksProxyUriPath\">The path must end in /kms/xks/v1")
            .contains("id=\"xksProxyUriPath-error\"")
            .containsPattern("name=\"xksProxyUriPath\" value=\"/tenant-a/kms/xks/v1/\"[^>]*"
                    + "aria-describedby=\"xksProxyUriPath-hint xksProxyUriPath-error\" aria-invalid=\"true\"")
            .contains("value=\"my-new-name\"")
            .contains("data-focus-on-load")
            .doesNotContain(SECRET);
    }

    @Test
    void aFormWithoutChangeIsRefusedWithAFriendlyMessage() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        assertThat(postXks(store, FormPosts.xks(store))).hasStatusOk()
            .bodyText()
            .contains("You have not changed anything, so there is nothing to send to KMS.");
        assertThat(postXks(store, FormPosts.xks(store, XksUpdateForm.NAME, "", XksUpdateForm.PATH, "")))
            .as("empty inputs mean unchanged")
            .bodyText()
            .contains("You have not changed anything");
    }

    @Test
    void anEndpointChangeWhileConnectedGoesToAReviewThatOffersTheGuidedChange() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        var result = postXks(store,
                FormPosts.xks(store, XksUpdateForm.ENDPOINT, "https://xks-lab.sandbox.example.com"));
        assertThat(result).hasStatus3xxRedirection();
        String review = result.getMvcResult().getResponse().getRedirectedUrl();
        assertThat(mvc.get().uri(review).session(session).with(operator())).hasStatusOk()
            .bodyText()
            .contains("This change needs the key store DISCONNECTED, and it is CONNECTED")
            .contains("name=\"mode\" value=\"RECONNECT\"")
            .contains("name=\"mode\" value=\"LEAVE_DISCONNECTED\"")
            .contains("action=\"" + review + "/guided\"")
            .doesNotContain(">Apply the change<");
    }

    @Test
    void aConnectedCloudHsmStoreIsRenamedThroughAGuidedChangeByDefault() {
        var store = TestKeyStores.cloudHsm(ConnectionState.CONNECTED);
        known(store);
        var result = postCloudHsm(store, FormPosts.cloudHsm(store, CloudHsmUpdateForm.NAME, "renamed"));
        assertThat(result).hasStatus3xxRedirection();
        assertThat(
                mvc.get().uri(result.getMvcResult().getResponse().getRedirectedUrl()).session(session).with(operator()))
            .bodyText()
            .contains("This change needs the key store DISCONNECTED, and it is CONNECTED");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ConnectionState.class, names = { "CONNECTING", "DISCONNECTING", "FAILED" })
    void aDisconnectedOnlyChangeIsRefusedInEveryOtherState(ConnectionState state) {
        var store = TestKeyStores.cloudHsm(state);
        known(store);
        assertThat(postCloudHsm(store, FormPosts.cloudHsm(store, CloudHsmUpdateForm.CLUSTER_ID, "cluster-m7qz3vh2kd5")))
            .hasStatusOk()
            .bodyText()
            .contains("KMS accepts a new CloudHSM cluster ID only while the key store is DISCONNECTED, and it is "
                    + state.name() + " now.");
    }

    @Test
    void aPasswordChangeOfADisconnectedCloudHsmStoreGoesToReviewWithoutTheSecretInTheResponse() {
        var store = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED);
        known(store);
        assertThat(postCloudHsm(store, FormPosts.cloudHsm(store, CloudHsmUpdateForm.PASSWORD, "PaymentsDr77")))
            .hasStatus3xxRedirection()
            .satisfies(r -> assertThat(r.getResponse().getContentAsString()).doesNotContain("PaymentsDr77"));
    }

    @Test
    void aStoreThatChangedSinceTheFormWasLoadedIsNotDiffedAgainstStaleValues() {
        var loaded = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        var now = TestKeyStores.renamed(loaded, "renamed-by-someone-else");
        given(reads.find(TestTargets.ref(loaded.id()))).willReturn(new KeyStoreView(now, null));
        assertThat(postXks(loaded, FormPosts.xks(loaded, XksUpdateForm.PATH, "/tenant-b/kms/xks/v1"))).hasStatusOk()
            .bodyText()
            .contains("The key store changed since you opened this form")
            .contains("value=\"renamed-by-someone-else\"")
            .contains("value=\"" + now.fingerprint() + "\"");
    }

    MvcTestResult postXks(CustomKeyStore store, Map<String, String> params) {
        return postXks(store, operator(), params);
    }

    MvcTestResult postXks(CustomKeyStore store, org.springframework.test.web.servlet.request.RequestPostProcessor who,
            Map<String, String> params) {
        var request = mvc.post()
            .uri("/t/default/key-stores/" + store.id() + "/edit/xks")
            .session(session)
            .with(who)
            .with(csrf());
        params.forEach(request::param);
        return request.exchange();
    }

    MvcTestResult postCloudHsm(CustomKeyStore store, Map<String, String> params) {
        var request = mvc.post()
            .uri("/t/default/key-stores/" + store.id() + "/edit/cloudhsm")
            .session(session)
            .with(operator())
            .with(csrf());
        params.forEach(request::param);
        return request.exchange();
    }

    static org.springframework.test.web.servlet.request.RequestPostProcessor operator() {
        return user("olivia").roles("OPERATOR");
    }

}
