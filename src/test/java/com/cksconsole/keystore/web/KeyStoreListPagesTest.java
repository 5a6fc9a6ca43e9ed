package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KeyStoreSnapshot;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.SnapshotRead;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.support.TestTargets;

/**
 * The list and detail pages: every store and property, the filter, empty states, KMS
 * failures, 404.
 */
class KeyStoreListPagesTest extends KeyStoreWebSliceTest {

    @Test
    void everyStoreIsListedWithItsStateAsABadge() {
        known(TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED), TestKeyStores.xksPublic(ConnectionState.FAILED));
        assertThat(mvc.get().uri("/key-stores").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .bodyText()
            .contains("payments-hsm-dr", TestKeyStores.HSM_ID, "CloudHSM key store")
            .contains("<span class=\"badge badge--disconnected\">DISCONNECTED</span>")
            .contains("<span class=\"badge badge--failed\">FAILED</span>")
            .contains("<code>XKS_PROXY_TIMED_OUT</code>")
            .contains("2025-03-02 14:05:51 UTC")
            .contains("<span>2</span> of <span>2</span> key stores shown");
    }

    @Test
    void theListCanBeFilteredByNameTypeAndStateWithPlainQueryParameters() {
        known(TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED), TestKeyStores.xksPublic(ConnectionState.CONNECTED),
                TestKeyStores.xksVpc(ConnectionState.DISCONNECTED));
        assertThat(mvc.get().uri("/key-stores?name=PRIVATE").with(user("viewer").roles("VIEWER"))).bodyText()
            .contains("ekm-private-vpc")
            .doesNotContain("ekm-public-tenant-a")
            .doesNotContain(">payments-hsm-dr<");
        assertThat(mvc.get()
            .uri("/key-stores?type=EXTERNAL_KEY_STORE&state=DISCONNECTED")
            .with(user("viewer").roles("VIEWER"))).bodyText()
            .contains(">ekm-private-vpc<")
            .doesNotContain(">ekm-public-tenant-a<")
            .doesNotContain(">payments-hsm-dr<")
            .contains("Clear filter");
    }

    @Test
    void aFilterWithoutMatchesSaysSo() {
        known(TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED));
        assertThat(mvc.get().uri("/key-stores?state=CONNECTING").with(user("viewer").roles("VIEWER"))).bodyText()
            .contains("No key store matches the filter");
    }

    @Test
    void anAccountWithoutStoresGetsAnEmptyState() {
        known();
        assertThat(mvc.get().uri("/key-stores").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .bodyText()
            .contains("No custom key stores yet");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "THROTTLED, ThrottlingException, KMS is throttling requests",
            "UNREACHABLE, Unreachable, KMS cannot be reached", "TIMED_OUT, Timeout, KMS did not answer in time",
            "CREDENTIALS_REFUSED, UnrecognizedClientException, KMS refused the console&#39;s credentials",
            "KMS_INTERNAL, KMSInternalException, KMS had an internal error" })
    void whenKmsCannotBeAskedAClearPanelWithARetryLinkIsShown(KmsFailureKind kind, String code, String title) {
        given(reads.list(TestTargets.SANDBOX))
            .willThrow(new KmsCallException("DescribeCustomKeyStores", new KmsFailure(kind, code, "req-123")));
        assertThat(mvc.get().uri("/key-stores").with(user("viewer").roles("VIEWER"))).hasStatus(503)
            .bodyText()
            .contains(title)
            .contains("<code>" + code + "</code>")
            .contains("req-123")
            .contains("href=\"/key-stores\">Retry</a>")
            .doesNotContain("Exception:")
            .doesNotContain("\tat ");
    }

    @Test
    void whileKmsThrottlesTheLastKnownStateIsShownWithItsAge() {
        var stale = new SnapshotRead(
                new KeyStoreSnapshot(TestTargets.SANDBOX, List.of(TestKeyStores.cloudHsm(ConnectionState.CONNECTED)),
                        NOW),
                new KmsFailure(KmsFailureKind.THROTTLED, "ThrottlingException", null), Duration.ofSeconds(42));
        given(reads.list(TestTargets.SANDBOX)).willReturn(stale);
        assertThat(mvc.get().uri("/key-stores").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .bodyText()
            .contains("Showing the last known state, from <span>42 seconds</span> ago.")
            .contains("KMS is throttling requests right now")
            .contains("payments-hsm-dr");
    }

    @Test
    void theDetailOfACloudHsmStoreShowsClusterAndTrustAnchor() throws IOException {
        String pem;
        try (InputStream in = getClass().getResourceAsStream("/keystore/customerCA.crt")) {
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        var base = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED);
        known(new CustomKeyStore(base.id(), base.name(), base.type(), base.connectionState(), null, base.creationDate(),
                base.cloudHsmClusterId(), pem, null));
        assertThat(mvc.get().uri("/t/default/key-stores/" + base.id()).with(user("viewer").roles("VIEWER")))
            .hasStatusOk()
            .bodyText()
            .contains("<code>cluster-k4p2mq7xa3b</code>")
            .contains("CN=Sandbox Customer CA")
            .contains("Valid until")
            .doesNotContain(pem.substring(30, 90));
    }

    @Test
    void aTrustAnchorThatIsNoCertificateIsShownByItsEndsAndLength() {
        var store = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED);
        known(store);
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id()).with(user("viewer").roles("VIEWER"))).bodyText()
            .contains("Not readable as an X.509 certificate")
            .contains("(<span>" + store.trustAnchorCertificate().length() + "</span> characters)");
    }

    @Test
    void theDetailOfAnExternalKeyStoreShowsEveryProxyProperty() {
        var store = TestKeyStores.xksVpc(ConnectionState.DISCONNECTED);
        known(store);
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id()).with(user("viewer").roles("VIEWER")))
            .hasStatusOk()
            .bodyText()
            .contains("https://xks-private.sandbox.example.com", "<code>/kms/xks/v1</code>", "VPC endpoint service",
                    TestKeyStores.VPC_SERVICE, "111122223333", "SANDBOXPRIVATEKEYID234")
            .contains("Never shown (KMS does not return it)");
    }

    @Test
    void aConnectionErrorIsExplainedWithItsFixForTheStoreType() {
        var xks = TestKeyStores.xksPublic(ConnectionState.FAILED);
        var hsm = TestKeyStores.cloudHsm(ConnectionState.FAILED);
        known(xks, hsm);
        assertThat(mvc.get().uri("/t/default/key-stores/" + xks.id()).with(user("viewer").roles("VIEWER"))).bodyText()
            .contains("Connection failed:")
            .contains("<code>XKS_PROXY_TIMED_OUT</code>")
            .contains("did not answer within KMS&#39;s 250 ms");
        assertThat(mvc.get().uri("/t/default/key-stores/" + hsm.id()).with(user("viewer").roles("VIEWER"))).bodyText()
            .contains("<code>INVALID_CREDENTIALS</code>")
            .contains("kmsuser crypto user");
    }

    @Test
    void viewersSeeNoEditLink() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id()).with(user("viewer").roles("VIEWER"))).bodyText()
            .doesNotContain("/edit\"");
    }

    @Test
    void anUnknownIdIsANotFoundPageInTheConsoleLook() {
        given(reads.find(TestTargets.ref("cks-0000000000000000a")))
            .willThrow(new KeyStoreNotFoundException("cks-0000000000000000a"));
        assertThat(mvc.get().uri("/t/default/key-stores/cks-0000000000000000a").with(user("viewer").roles("VIEWER")))
            .hasStatus(404)
            .bodyText()
            .contains("Key store not found")
            .contains("<code>cks-0000000000000000a</code>")
            .contains("class=\"site-header\"");
    }

    @Test
    void aDetailPageWhileKmsCannotBeAskedOffersARetry() {
        given(reads.find(TestTargets.ref(TestKeyStores.HSM_ID))).willThrow(new KmsCallException(
                "DescribeCustomKeyStores", new KmsFailure(KmsFailureKind.THROTTLED, "ThrottlingException", null)));
        assertThat(mvc.get().uri("/t/default/key-stores/" + TestKeyStores.HSM_ID).with(user("viewer").roles("VIEWER")))
            .hasStatus(503)
            .bodyText()
            .contains("KMS is throttling requests")
            .contains("href=\"/t/default/key-stores/" + TestKeyStores.HSM_ID + "\">Retry</a>");
    }

}
