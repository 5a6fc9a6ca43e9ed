package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.PreflightResult;
import com.cksconsole.keystore.PreflightTarget;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.xks.XksFailureKind;

/**
 * What the review page says and offers: a failed or missing XKS pre-flight check makes
 * the override reason visibly required and the apply button a danger button that says it
 * goes on despite the check; "Start over" and "Cancel" say what they do; the credential
 * and password rows read as sentences; the guided change's durations are those of the
 * store's type.
 */
class KeyStoreReviewWordingPagesTest extends KeyStoreWebSliceTest {

    private static final String NEW_KEY = "SANDBOXTENANTBKEYID234";

    private static final String SECRET = KeyStoreEditPagesTest.SECRET;

    private static final String REQUIRED = "<span class=\"field__required\">(required)</span>";

    private final MockHttpSession session = new MockHttpSession();

    @Test
    void aFailedCheckMakesTheOverrideReasonRequiredAndApplyADangerButtonThatSaysSo() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        checkEnds(PreflightResult.Status.FAILED, XksFailureKind.AUTHENTICATION_FAILED);

        assertThat(review(store, XksUpdateForm.ACCESS_KEY_ID, NEW_KEY, XksUpdateForm.SECRET, SECRET)).contains(REQUIRED)
            .containsPattern("id=\"overrideReason\" name=\"overrideReason\" rows=\"2\"\\s+required")
            .contains("<button type=\"submit\" class=\"button button--danger\">Apply despite the failed check"
                    + "</button>")
            .doesNotContain(">Apply the change<");
    }

    @Test
    void aCheckThatCouldNotRunAsksTheSameAndSaysThereWasNoPassedCheck() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        checkEnds(PreflightResult.Status.NOT_RUN, null);

        assertThat(review(store, XksUpdateForm.ACCESS_KEY_ID, NEW_KEY, XksUpdateForm.SECRET, SECRET)).contains(REQUIRED)
            .contains("class=\"button button--danger\">Apply without a passed check</button>");
    }

    @Test
    void aPassedCheckKeepsThePlainApplyAndNoOverrideReason() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        checkEnds(PreflightResult.Status.HEALTHY, null);

        assertThat(review(store, XksUpdateForm.ACCESS_KEY_ID, NEW_KEY, XksUpdateForm.SECRET, SECRET))
            .doesNotContain(REQUIRED)
            .doesNotContain("button--danger")
            .contains("<button type=\"submit\" class=\"button\">Apply the change</button>");
    }

    @Test
    void aGuidedChangeWithAFailedCheckStartsWithADangerButtonThatSaysSo() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        checkEnds(PreflightResult.Status.FAILED, XksFailureKind.UNREACHABLE);

        assertThat(review(store, XksUpdateForm.ENDPOINT, "https://xks-lab.sandbox.example.com",
                XksUpdateForm.ACCESS_KEY_ID, NEW_KEY, XksUpdateForm.SECRET, SECRET))
            .contains(REQUIRED)
            .contains("class=\"button button--danger\" name=\"mode\" value=\"RECONNECT\">Disconnect, apply, "
                    + "reconnect despite the failed check</button>")
            .contains(">Disconnect, apply and leave disconnected despite the failed check</button>");
    }

    @Test
    void startOverAndCancelSayWhatTheyDo() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);

        assertThat(review(store, XksUpdateForm.NAME, "ekm-renamed"))
            .containsPattern("value=\"edit\"[^>]*>Start over\\s+from the current values</button>")
            .containsPattern("value=\"detail\"[^>]*>Cancel,\\s+change nothing</button>");
    }

    @Test
    void aRotatedSecretWithTheSameAccessKeyIdReadsAsSuch() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);

        assertThat(review(store, XksUpdateForm.SECRET, SECRET))
            .contains("<td>access key ID SANDBOXTENANTAKEYID234 with its secret access key</td>")
            .contains("<strong>the same access key ID with a new secret access key</strong>")
            .doesNotContain(SECRET);
    }

    @Test
    void aGuidedChangeOfACloudHsmKeyStoreSpeaksOnlyOfItsOwnDuration() {
        var store = TestKeyStores.cloudHsm(ConnectionState.CONNECTED);
        known(store);
        var request = mvc.post()
            .uri("/t/default/key-stores/" + store.id() + "/edit/cloudhsm")
            .session(session)
            .with(KeyStoreEditPagesTest.operator())
            .with(csrf());
        FormPosts.cloudHsm(store, CloudHsmUpdateForm.NAME, "payments-hsm-renamed").forEach(request::param);

        String page = page(request.exchange().getResponse().getRedirectedUrl());

        assertThat(page).contains("Connecting a CloudHSM key store")
            .contains("<span>up to 20 minutes</span>")
            .doesNotContain("external key store");
    }

    @Test
    void aGuidedChangeOfAnExternalKeyStoreSpeaksOnlyOfItsOwnDurations() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);

        assertThat(review(store, XksUpdateForm.ENDPOINT, "https://xks-lab.sandbox.example.com"))
            .contains("Disconnecting an external key store takes")
            .doesNotContain("CloudHSM")
            .doesNotContain("20 minutes");
    }

    private void checkEnds(PreflightResult.Status status, @Nullable XksFailureKind failure) {
        var target = new PreflightTarget("https://xks-public.sandbox.example.com", "/tenant-a/kms/xks/v1",
                XksConnectivity.PUBLIC_ENDPOINT, NEW_KEY, true);
        given(preflight.target(any(), any())).willReturn(Optional.of(target));
        given(preflight.check(any(), any(), any())).willReturn(new PreflightResult(status, target, failure,
                failure == null ? null : 401, null, null, Duration.ofMillis(12), Duration.ofMillis(250), "req-1", NOW));
    }

    private String review(CustomKeyStore store, String... changes) {
        known(store);
        var request = mvc.post()
            .uri("/t/default/key-stores/" + store.id() + "/edit/xks")
            .session(session)
            .with(KeyStoreEditPagesTest.operator())
            .with(csrf());
        FormPosts.xks(store, changes).forEach(request::param);
        var result = request.exchange();
        assertThat(result).hasStatus3xxRedirection();
        return page(result.getResponse().getRedirectedUrl());
    }

    private String page(String url) {
        try {
            return mvc.get()
                .uri(url)
                .session(session)
                .with(KeyStoreEditPagesTest.operator())
                .exchange()
                .getResponse()
                .getContentAsString();
        }
        catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

}
