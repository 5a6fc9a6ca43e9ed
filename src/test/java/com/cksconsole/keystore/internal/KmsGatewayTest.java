package com.cksconsole.keystore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.net.ServerSocket;
import java.net.URI;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

import com.cksconsole.support.TestTargets;
import com.cksconsole.keystore.CannedKms;
import com.cksconsole.keystore.CloudHsmChange;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.XksConnectivity;

/**
 * The gateway through the real SDK against canned KMS answers: paging, mapping, and what
 * an update sends.
 */
class KmsGatewayTest {

    private final CannedKms kms = new CannedKms();

    private final KmsClient client = kms.client();

    private final KmsGateway gateway = new KmsGateway(client);

    @AfterEach
    void close() {
        client.close();
        kms.close();
    }

    @Test
    void credentialsKmsRefusesAsExpiredAreRenewedOnceAndTheCallSentAgain() {
        var renewed = new java.util.ArrayList<com.cksconsole.kms.KmsTarget>();
        var renewing = new KmsGateway(new KmsClientSource() {
            @Override
            public KmsClient client(com.cksconsole.kms.KmsTarget target) {
                return client;
            }

            @Override
            public void renew(com.cksconsole.kms.KmsTarget target) {
                renewed.add(target);
            }
        });
        kms.fail(400, "ExpiredTokenException")
            .answer(CannedKms.page(null, CannedKms.entry("cks-1", "one", "CONNECTED")));

        assertThat(renewing.describeAll(TestTargets.SANDBOX)).extracting(CustomKeyStore::name).containsExactly("one");
        assertThat(renewed).containsExactly(TestTargets.SANDBOX);
        assertThat(kms.requests()).hasSize(2);
    }

    @Test
    void credentialsRefusedAsExpiredTwiceAreAFailureOfTheirOwn() {
        kms.fail(400, "ExpiredTokenException").fail(400, "ExpiredTokenException");

        assertThatThrownBy(() -> gateway.describeAll(TestTargets.SANDBOX)).isInstanceOf(KmsCallException.class)
            .satisfies(
                    e -> assertThat(((KmsCallException) e).failure().errorCode()).isEqualTo("ExpiredTokenException"));
        assertThat(kms.requests()).as("one renewal, no loop").hasSize(2);
    }

    @Test
    void describeFollowsThePagesToTheEnd() {
        kms.answer(CannedKms.page("m1", CannedKms.entry("cks-1", "one", "CONNECTED")))
            .answer(CannedKms.page("m2", CannedKms.entry("cks-2", "two", "FAILED")))
            .answer(CannedKms.page(null, CannedKms.entry("cks-3", "three", "DISCONNECTED")));
        var stores = gateway.describeAll(TestTargets.SANDBOX);
        assertThat(stores).extracting(CustomKeyStore::name).containsExactly("one", "two", "three");
        assertThat(kms.requests()).extracting(CannedKms.Recorded::body)
            .containsExactly("{}", "{\"Marker\":\"m1\"}", "{\"Marker\":\"m2\"}");
        assertThat(stores.get(0).xksProxy().connectivity()).isEqualTo(XksConnectivity.PUBLIC_ENDPOINT);
        assertThat(stores.get(1).connectionState()).isEqualTo(ConnectionState.FAILED);
    }

    @Test
    void aRepeatedMarkerStopsPagingInsteadOfLoopingForEver() {
        kms.answer(CannedKms.page("same", CannedKms.entry("cks-1", "one", "CONNECTED")))
            .answer(CannedKms.page("same", CannedKms.entry("cks-2", "two", "CONNECTED")));
        assertThatThrownBy(() -> gateway.describeAll(TestTargets.SANDBOX)).isInstanceOf(KmsCallException.class);
        assertThat(kms.requests()).hasSize(2);
    }

    @Test
    void anUnknownConnectionStateIsKeptAsUnknown() {
        kms.answer(CannedKms.page(null, CannedKms.entry("cks-1", "one", "HIBERNATING")));
        assertThat(gateway.describeAll(TestTargets.SANDBOX).get(0).connectionState())
            .isEqualTo(ConnectionState.UNKNOWN);
    }

    @Test
    void anUpdateSendsOnlyTheChangedMembers() {
        kms.answer("{}");
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        gateway.update(TestTargets.ref(store.id()),
                XksChange.between(store, "renamed", null, null, null, null, null, null, null));
        assertThat(kms.requests()).singleElement().satisfies(request -> {
            assertThat(request.target()).isEqualTo("TrentService.UpdateCustomKeyStore");
            assertThat(request.body())
                .isEqualTo("{\"CustomKeyStoreId\":\"" + store.id() + "\",\"NewCustomKeyStoreName\":\"renamed\"}");
        });
    }

    @Test
    void aCredentialChangeSendsBothParts() {
        kms.answer("{}");
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        gateway.update(TestTargets.ref(store.id()), XksChange.between(store, null, null, null, null, null, null, null,
                "Mc+9e8GY4mMCd8Eb4mzlEyJH/DMYrHfUQLAb0ZMFv2I="));
        assertThat(kms.requests().get(0).body())
            .contains("\"XksProxyAuthenticationCredential\":{\"AccessKeyId\":\"SANDBOXTENANTAKEYID234\","
                    + "\"RawSecretAccessKey\":\"Mc+9e8GY4mMCd8Eb4mzlEyJH/DMYrHfUQLAb0ZMFv2I=\"}");
    }

    @Test
    void switchingToAPublicEndpointSendsNoServiceNameOrOwner() {
        kms.answer("{}");
        var store = TestKeyStores.xksVpc(ConnectionState.DISCONNECTED);
        gateway.update(TestTargets.ref(store.id()),
                XksChange.between(store, null, "https://xks-public.sandbox.example.com", null,
                        XksConnectivity.PUBLIC_ENDPOINT, null, null, null, null));
        assertThat(kms.requests().get(0).body()).contains("\"XksProxyConnectivity\":\"PUBLIC_ENDPOINT\"")
            .doesNotContain("XksProxyVpcEndpointService");
    }

    @Test
    void aCloudHsmPasswordChangeSendsThePasswordOnly() {
        kms.answer("{}");
        var store = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED);
        gateway.update(TestTargets.ref(store.id()), CloudHsmChange.between(store, null, "PaymentsDr77", null));
        assertThat(kms.requests().get(0).body())
            .isEqualTo("{\"CustomKeyStoreId\":\"" + store.id() + "\",\"KeyStorePassword\":\"PaymentsDr77\"}");
    }

    @Test
    void kmsErrorsKeepTheirNameAndRequestIdButNotTheirText() {
        kms.fail(400, "CustomKeyStoreNameInUseException");
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        assertThatThrownBy(() -> gateway.update(TestTargets.ref(store.id()),
                XksChange.between(store, "taken", null, null, null, null, null, null, null)))
            .asInstanceOf(type(KmsCallException.class))
            .satisfies(e -> {
                assertThat(e.failure().kind()).isEqualTo(KmsFailureKind.REFUSED);
                assertThat(e.failure().errorCode()).isEqualTo("CustomKeyStoreNameInUseException");
                assertThat(e.failure().requestId()).isNotBlank();
                assertThat(e.getMessage()).doesNotContain("canned");
            });
    }

    @Test
    void failuresAreClassified() {
        kms.fail(400, "ThrottlingException")
            .fail(500, "KMSInternalException")
            .fail(400, "UnrecognizedClientException")
            .fail(400, "AccessDeniedException");
        assertThat(kindOfDescribe()).isEqualTo(KmsFailureKind.THROTTLED);
        assertThat(kindOfDescribe()).isEqualTo(KmsFailureKind.KMS_INTERNAL);
        assertThat(kindOfDescribe()).isEqualTo(KmsFailureKind.CREDENTIALS_REFUSED);
        assertThat(kindOfDescribe()).isEqualTo(KmsFailureKind.CREDENTIALS_REFUSED);
    }

    @Test
    void anUnknownIdIsNotFound() {
        kms.fail(400, "CustomKeyStoreNotFoundException");
        assertThatThrownBy(() -> gateway.describe(TestTargets.ref("cks-0000000000000000a")))
            .isInstanceOf(KeyStoreNotFoundException.class);
    }

    @Test
    void aKmsThatCannotBeReachedIsUnreachable() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (var unreachable = KmsClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://127.0.0.1:" + closedPort))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDX", "secret")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build()) {
            assertThatThrownBy(() -> new KmsGateway(unreachable).describeAll(TestTargets.SANDBOX))
                .asInstanceOf(type(KmsCallException.class))
                .extracting(e -> e.failure().kind())
                .isEqualTo(KmsFailureKind.UNREACHABLE);
        }
    }

    private KmsFailureKind kindOfDescribe() {
        try {
            gateway.describeAll(TestTargets.SANDBOX);
            throw new AssertionError("expected a failure");
        }
        catch (KmsCallException e) {
            return e.failure().kind();
        }
    }

}
