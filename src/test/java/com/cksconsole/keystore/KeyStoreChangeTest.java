package com.cksconsole.keystore;

import static com.cksconsole.keystore.UpdatableProperty.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.XksConnectivity;

/**
 * Only what differs from the store as loaded becomes part of a change; secrets never show
 * in toString.
 */
class KeyStoreChangeTest {

    private final CustomKeyStore hsm = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED);

    private final CustomKeyStore xks = TestKeyStores.xksPublic(ConnectionState.DISCONNECTED);

    @Test
    void unchangedAndEmptyCloudHsmValuesAreNotPartOfTheChange() {
        var change = CloudHsmChange.between(hsm, hsm.name(), null, hsm.cloudHsmClusterId());
        assertThat(change.isEmpty()).isTrue();
    }

    @Test
    void aTypedPasswordIsAlwaysAChangeAndHiddenInToString() {
        var change = CloudHsmChange.between(hsm, null, "PaymentsDr77", null);
        assertThat(change.properties()).containsExactly(KEY_STORE_PASSWORD);
        assertThat(change.keyStorePassword().reveal()).isEqualTo("PaymentsDr77");
        assertThat(change.toString()).doesNotContain("PaymentsDr77").contains("<redacted>");
    }

    @Test
    void aNewClusterAndNameAreChanges() {
        var change = CloudHsmChange.between(hsm, "renamed", null, "cluster-m7qz3vh2kd5");
        assertThat(change.properties()).containsExactly(NAME, CLOUDHSM_CLUSTER_ID);
    }

    @Test
    void unchangedXksValuesAreNotPartOfTheChange() {
        var current = xks.xksProxy();
        var change = XksChange.between(xks, xks.name(), current.uriEndpoint(), current.uriPath(),
                XksConnectivity.PUBLIC_ENDPOINT, null, null, current.accessKeyId(), null);
        assertThat(change.isEmpty()).isTrue();
    }

    @Test
    void aTypedSecretSendsTheCredentialWithTheCurrentAccessKeyIdWhenNoneIsTyped() {
        var change = XksChange.between(xks, null, null, null, null, null, null, null,
                "Mc+9e8GY4mMCd8Eb4mzlEyJH/DMYrHfUQLAb0ZMFv2I=");
        assertThat(change.properties()).containsExactly(XKS_CREDENTIAL);
        assertThat(change.credential().accessKeyId()).isEqualTo("SANDBOXTENANTAKEYID234");
        assertThat(change.toString()).doesNotContain("Mc+9e8GY4mMCd8Eb4mzlEyJH");
    }

    @Test
    void endpointPathAndConnectivityChangesRedirectTheProxy() {
        assertThat(XksChange.between(xks, null, null, "/tenant-b/kms/xks/v1", null, null, null, null, null)
            .redirectsProxy()).isTrue();
        assertThat(XksChange.between(xks, "renamed", null, null, null, null, null, null, null).redirectsProxy())
            .isFalse();
    }

    @Test
    void theFingerprintChangesWithEveryDescribedProperty() {
        var base = TestKeyStores.xksVpc(ConnectionState.DISCONNECTED);
        assertThat(base.fingerprint()).isEqualTo(TestKeyStores.xksVpc(ConnectionState.DISCONNECTED).fingerprint())
            .hasSize(64);
        assertThat(TestKeyStores.renamed(base, "other").fingerprint()).isNotEqualTo(base.fingerprint());
        assertThat(TestKeyStores.inState(base, ConnectionState.CONNECTED).fingerprint())
            .isNotEqualTo(base.fingerprint());
        var otherOwner = new CustomKeyStore(base.id(), base.name(), base.type(), base.connectionState(), null,
                base.creationDate(), null, null,
                new XksProxySettings(XksConnectivity.VPC_ENDPOINT_SERVICE, base.xksProxy().uriEndpoint(),
                        base.xksProxy().uriPath(), base.xksProxy().accessKeyId(),
                        base.xksProxy().vpcEndpointServiceName(), "444455556666"));
        assertThat(otherOwner.fingerprint()).isNotEqualTo(base.fingerprint());
    }

    @Test
    void theFingerprintCannotBeFooledByMovingTextBetweenProperties() {
        var base = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED);
        var a = new CustomKeyStore(base.id(), "ab", base.type(), base.connectionState(), "c", null, null, null, null);
        var b = new CustomKeyStore(base.id(), "a", base.type(), base.connectionState(), "bc", null, null, null, null);
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
    }

    @Test
    void differencesAreListedFieldByField() {
        var before = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        var after = TestKeyStores.inState(TestKeyStores.renamed(before, "ekm-renamed"), ConnectionState.DISCONNECTED);
        assertThat(PropertyDifference.between(before, after)).containsExactly(
                new PropertyDifference("Name", "ekm-public-tenant-a", "ekm-renamed"),
                new PropertyDifference("Connection state", "CONNECTED", "DISCONNECTED"));
    }

}
