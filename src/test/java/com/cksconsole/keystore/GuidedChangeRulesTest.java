package com.cksconsole.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.cksconsole.kms.ConnectionState;

/**
 * Which changes need a guided change (disconnect, update, reconnect), and which the edit
 * form then lets through.
 */
class GuidedChangeRulesTest {

    private final UpdatePolicy policy = new UpdatePolicy(false);

    private static XksChange endpoint(CustomKeyStore store) {
        return XksChange.between(store, null, "https://xks-lab.sandbox.example.com", null, null, null, null, null,
                null);
    }

    @Test
    void aDisconnectedOnlyChangeOfAConnectedStoreNeedsAGuidedChange() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        assertThat(policy.needsGuidedChange(store, endpoint(store))).isTrue();
        assertThat(policy.editRefusal(store, UpdatableProperty.XKS_URI_ENDPOINT)).isEmpty();
        assertThat(policy.refusal(store, UpdatableProperty.XKS_URI_ENDPOINT)).as("a plain update is still refused")
            .isPresent();
    }

    @Test
    void aChangeKmsTakesWhileConnectedNeedsNone() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        assertThat(policy.needsGuidedChange(store,
                XksChange.between(store, "renamed", null, "/tenant-b/kms/xks/v1", null, null, null, null, null)))
            .isFalse();
    }

    @Test
    void aMixOfBothNeedsOne() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        assertThat(policy.needsGuidedChange(store, XksChange.between(store, "renamed",
                "https://xks-lab.sandbox.example.com", null, null, null, null, null, null)))
            .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ConnectionState.class,
            names = { "DISCONNECTED", "CONNECTING", "DISCONNECTING", "FAILED", "UNKNOWN" })
    void onlyAConnectedStoreGetsOne(ConnectionState state) {
        var store = TestKeyStores.xksPublic(state);
        assertThat(policy.needsGuidedChange(store, endpoint(store))).isFalse();
        if (state != ConnectionState.DISCONNECTED) {
            assertThat(policy.editRefusal(store, UpdatableProperty.XKS_URI_ENDPOINT)).isPresent();
        }
    }

    @Test
    void aCloudHsmRenameWhileConnectedNeedsOneUnlessTheSettingAllowsIt() {
        var store = TestKeyStores.cloudHsm(ConnectionState.CONNECTED);
        var rename = new CloudHsmChange("renamed", null, null);
        assertThat(policy.needsGuidedChange(store, rename)).isTrue();
        assertThat(new UpdatePolicy(true).needsGuidedChange(store, rename)).isFalse();
    }

    @Test
    void aChangeOfTheOtherStoreTypeNeedsNone() {
        var store = TestKeyStores.cloudHsm(ConnectionState.CONNECTED);
        assertThat(policy.needsGuidedChange(store, endpoint(TestKeyStores.xksPublic(ConnectionState.CONNECTED))))
            .isFalse();
    }

}
