package com.cksconsole.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;

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

    /**
     * A guided change disconnects the store, so it is offered only while the store is
     * CONNECTED: in every other state a property that needs DISCONNECTED is refused as it
     * is.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(ConnectionState.class)
    void aGuidedChangeIsOfferedOnlyWhileConnected(ConnectionState state) {
        boolean connected = state == ConnectionState.CONNECTED;
        assertThat(policy.guidedChangeCan(KeyStoreType.EXTERNAL_KEY_STORE, UpdatableProperty.XKS_URI_ENDPOINT, state))
            .isEqualTo(connected);
        assertThat(policy.guidedChangeCan(TestKeyStores.cloudHsm(state), UpdatableProperty.CLOUDHSM_CLUSTER_ID))
            .isEqualTo(connected);
    }

    /**
     * No guided change for what KMS takes while CONNECTED, nor for a property the store's
     * type does not have.
     */
    @Test
    void noGuidedChangeForAPropertyKmsTakesWhileConnectedOrOfTheOtherType() {
        assertThat(policy.guidedChangeCan(KeyStoreType.EXTERNAL_KEY_STORE, UpdatableProperty.XKS_URI_PATH,
                ConnectionState.CONNECTED))
            .isFalse();
        assertThat(policy.guidedChangeCan(KeyStoreType.EXTERNAL_KEY_STORE, UpdatableProperty.KEY_STORE_PASSWORD,
                ConnectionState.CONNECTED))
            .isFalse();
    }

    /**
     * A store of a type this console does not know gets no guided change, and the edit
     * form refuses its changes with the unknown-type sentence.
     */
    @Test
    void aStoreOfAnUnknownTypeGetsNoGuidedChange() {
        var store = UpdatePolicyRulesTest.ofUnknownType(ConnectionState.CONNECTED);
        assertThat(policy.guidedChangeCan(store, UpdatableProperty.XKS_URI_ENDPOINT)).isFalse();
        assertThat(policy.needsGuidedChange(store, endpoint(TestKeyStores.xksPublic(ConnectionState.CONNECTED))))
            .isFalse();
        assertThat(policy.editRefusal(store, UpdatableProperty.XKS_URI_ENDPOINT)).get()
            .asString()
            .startsWith("KMS reported a key store type this console does not know");
    }

    /**
     * A change of the other store type needs no guided change even where the same
     * property of the store's own type would (a rename of a CONNECTED CloudHSM store).
     */
    @Test
    void aRenameOfTheOtherStoreTypeNeedsNone() {
        var store = TestKeyStores.cloudHsm(ConnectionState.CONNECTED);
        assertThat(policy.guidedChangeCan(store, UpdatableProperty.NAME)).isTrue();
        assertThat(policy.needsGuidedChange(store, new XksChange("renamed", null, null, null, null, null, null)))
            .isFalse();
    }

    /**
     * A guided change never disconnects a store for a change KMS would refuse even while
     * DISCONNECTED: every property it is offered for is accepted once the store is
     * DISCONNECTED, with either CloudHSM rename setting. (This is what lets
     * needsGuidedChange look only at the CONNECTED state.)
     */
    @ParameterizedTest(name = "rename while connected: {0}")
    @ValueSource(booleans = { false, true })
    void aGuidedChangeIsOfferedOnlyForWhatKmsAcceptsOnceDisconnected(boolean renameWhileConnected) {
        var rules = new UpdatePolicy(renameWhileConnected);
        for (var type : KeyStoreType.values()) {
            for (var property : UpdatableProperty.values()) {
                if (property.appliesTo(type)) {
                    assertThat(rules.refusal(type, property, ConnectionState.DISCONNECTED)).as("%s %s", type, property)
                        .isEmpty();
                }
                else {
                    assertThat(rules.guidedChangeCan(type, property, ConnectionState.CONNECTED))
                        .as("%s %s", type, property)
                        .isFalse();
                }
            }
        }
    }

}
