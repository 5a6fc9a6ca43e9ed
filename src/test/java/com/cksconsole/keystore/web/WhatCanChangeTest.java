package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.keystore.UpdatableProperty;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;

/**
 * One sentence per state and type, a compact row per property, the way out, and one hint
 * per group of fields.
 */
class WhatCanChangeTest {

    private static final UpdatePolicy POLICY = new UpdatePolicy(false);

    @Test
    void aConnectedExternalKeyStoreChangesNameCredentialAndPathNowAndTheRestThroughAGuidedChange() {
        var what = WhatCanChange.of(TestKeyStores.xksPublic(ConnectionState.CONNECTED), POLICY);

        assertThat(what.sentence()).isEqualTo("CONNECTED: name, proxy URI path and proxy authentication credential "
                + "now; the rest through a guided change.");
        assertThat(what.editable()).isTrue();
        assertThat(what.guided()).isTrue();
        assertThat(what.wayOut()).isEqualTo(WhatCanChange.WayOut.NONE);
        assertThat(what.rows())
            .extracting(WhatCanChange.Row::property, WhatCanChange.Row::needs, WhatCanChange.Row::now)
            .containsExactly(rowOf(UpdatableProperty.NAME, "CONNECTED or DISCONNECTED", WhatCanChange.Now.NOW),
                    rowOf(UpdatableProperty.XKS_URI_ENDPOINT, "DISCONNECTED", WhatCanChange.Now.GUIDED),
                    rowOf(UpdatableProperty.XKS_URI_PATH, "CONNECTED or DISCONNECTED", WhatCanChange.Now.NOW),
                    rowOf(UpdatableProperty.XKS_CONNECTIVITY, "DISCONNECTED", WhatCanChange.Now.GUIDED),
                    rowOf(UpdatableProperty.XKS_VPC_ENDPOINT_SERVICE_NAME, "DISCONNECTED", WhatCanChange.Now.GUIDED),
                    rowOf(UpdatableProperty.XKS_VPC_ENDPOINT_SERVICE_OWNER, "DISCONNECTED", WhatCanChange.Now.GUIDED),
                    rowOf(UpdatableProperty.XKS_CREDENTIAL, "CONNECTED or DISCONNECTED", WhatCanChange.Now.NOW));
    }

    @Test
    void aConnectedCloudHsmKeyStoreChangesEverythingThroughAGuidedChangeByDefault() {
        var what = WhatCanChange.of(TestKeyStores.cloudHsm(ConnectionState.CONNECTED), POLICY);

        assertThat(what.sentence()).isEqualTo("CONNECTED: everything through a guided change.");
        assertThat(what.editable()).isTrue();
        assertThat(what.rows()).extracting(WhatCanChange.Row::now).containsOnly(WhatCanChange.Now.GUIDED);
    }

    @Test
    void aConnectedCloudHsmKeyStoreIsRenamedAtOnceWhenTheInstallationAllowsIt() {
        var what = WhatCanChange.of(TestKeyStores.cloudHsm(ConnectionState.CONNECTED), new UpdatePolicy(true));

        assertThat(what.sentence()).isEqualTo("CONNECTED: name now; the rest through a guided change.");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KeyStoreType.class)
    void aDisconnectedKeyStoreChangesEverythingNow(KeyStoreType type) {
        var store = type == KeyStoreType.AWS_CLOUDHSM ? TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED)
                : TestKeyStores.xksVpc(ConnectionState.DISCONNECTED);

        var what = WhatCanChange.of(store, POLICY);

        assertThat(what.sentence()).isEqualTo("DISCONNECTED: everything can change now.");
        assertThat(what.guided()).isFalse();
        assertThat(what.rows()).extracting(WhatCanChange.Row::now).containsOnly(WhatCanChange.Now.NOW);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KeyStoreType.class)
    void aFailedKeyStoreChangesNothingUntilItIsDisconnected(KeyStoreType type) {
        var store = type == KeyStoreType.AWS_CLOUDHSM ? TestKeyStores.cloudHsm(ConnectionState.FAILED)
                : TestKeyStores.xksPublic(ConnectionState.FAILED);

        var what = WhatCanChange.of(store, POLICY);

        assertThat(what.sentence()).isEqualTo("FAILED: nothing can change until you disconnect it.");
        assertThat(what.editable()).isFalse();
        assertThat(what.wayOut()).isEqualTo(WhatCanChange.WayOut.DISCONNECT);
        assertThat(what.rows()).extracting(WhatCanChange.Row::now).containsOnly(WhatCanChange.Now.NOT_NOW);
    }

    @Test
    void aConnectingKeyStoreChangesNothingUntilTheAttemptEndsAndCanBeDisconnected() {
        var what = WhatCanChange.of(TestKeyStores.xksPublic(ConnectionState.CONNECTING), POLICY);

        assertThat(what.sentence()).isEqualTo("CONNECTING: nothing can change until the connection attempt has "
                + "ended, unless you disconnect it.");
        assertThat(what.wayOut()).isEqualTo(WhatCanChange.WayOut.DISCONNECT);
    }

    @Test
    void aDisconnectingKeyStoreChangesNothingUntilItIsDisconnectedAndTheWayOutIsToWait() {
        var what = WhatCanChange.of(TestKeyStores.cloudHsm(ConnectionState.DISCONNECTING), POLICY);

        assertThat(what.sentence()).isEqualTo("DISCONNECTING: nothing can change until it is DISCONNECTED.");
        assertThat(what.wayOut()).isEqualTo(WhatCanChange.WayOut.WAIT);
    }

    @Test
    void anUnknownStateOrTypeChangesNothingAndSaysWhy() {
        var unknownState = WhatCanChange.of(TestKeyStores.xksPublic(ConnectionState.UNKNOWN), POLICY);
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        var unknownType = WhatCanChange.of(new CustomKeyStore(store.id(), store.name(), null, ConnectionState.CONNECTED,
                null, null, null, null, null), POLICY);

        assertThat(unknownState.editable()).isFalse();
        assertThat(unknownState.sentence()).contains("connection state this console does not know");
        assertThat(unknownType.editable()).isFalse();
        assertThat(unknownType.rows()).isEmpty();
        assertThat(unknownType.sentence()).contains("type this console does not know");
    }

    @Test
    void aGroupWithPropertiesOfBothKindsNamesWhatChangesNowAndWhatThroughAGuidedChange() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);

        assertThat(WhatCanChange.hint(store, POLICY, EditPage.XKS_GROUPS.get("location")))
            .isEqualTo("The proxy URI path can change now. The proxy URI endpoint and proxy connectivity need the key "
                    + "store DISCONNECTED, and it is CONNECTED: after the review, " + WhatCanChange.GUIDED_CHANGE
                    + " for you.");
    }

    @Test
    void aGroupThatOnlyAGuidedChangeCanChangeSaysSoOnce() {
        var xks = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        var hsm = TestKeyStores.cloudHsm(ConnectionState.CONNECTED);

        assertThat(WhatCanChange.hint(xks, POLICY, EditPage.XKS_GROUPS.get("vpc")))
            .startsWith("These need the key store DISCONNECTED, and it is CONNECTED: after the review,");
        assertThat(WhatCanChange.hint(hsm, POLICY, EditPage.CLOUDHSM_GROUPS.get("name")))
            .startsWith("This needs the key store DISCONNECTED, and it is CONNECTED: after the review,");
    }

    @Test
    void aGroupThatCanChangeNowSaysSoInTheState() {
        assertThat(WhatCanChange.hint(TestKeyStores.xksPublic(ConnectionState.CONNECTED), POLICY,
                EditPage.XKS_GROUPS.get("credential")))
            .isEqualTo("Can change now, while the key store is CONNECTED.");
        assertThat(WhatCanChange.hint(TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED), POLICY,
                EditPage.CLOUDHSM_GROUPS.get("cluster")))
            .isEqualTo("Can change now, while the key store is " + "DISCONNECTED.");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ConnectionState.class, names = { "CONNECTING", "DISCONNECTING", "FAILED", "UNKNOWN" })
    void noGroupHasAHintWhenNothingCanChange(ConnectionState state) {
        var store = TestKeyStores.xksPublic(state);

        assertThat(EditPage.XKS_GROUPS.values())
            .allSatisfy(group -> assertThat(WhatCanChange.hint(store, POLICY, group)).isNull());
    }

    private static Tuple rowOf(UpdatableProperty property, String needs, WhatCanChange.Now now) {
        return Tuple.tuple(property.title(), needs, now);
    }

}
