package com.cksconsole.keystore;

import static com.cksconsole.kms.ConnectionState.*;
import static com.cksconsole.kms.KeyStoreType.AWS_CLOUDHSM;
import static com.cksconsole.kms.KeyStoreType.EXTERNAL_KEY_STORE;
import static com.cksconsole.keystore.UpdatableProperty.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.cksconsole.kms.ConnectionState;

/**
 * The state rules of KMS API Reference, CustomKeyStoreInvalidStateException; KMS API
 * Reference, UpdateCustomKeyStore, with the project's CloudHSM rename setting (KMS API
 * Reference, UpdateCustomKeyStore (NewCustomKeyStoreName)).
 */
class UpdatePolicyRulesTest {

    private static final Set<UpdatableProperty> XKS_WHILE_CONNECTED = EnumSet.of(NAME, XKS_URI_PATH, XKS_CREDENTIAL);

    private static final Set<UpdatableProperty> ALL_XKS = EnumSet.of(NAME, XKS_URI_ENDPOINT, XKS_URI_PATH,
            XKS_CONNECTIVITY, XKS_VPC_ENDPOINT_SERVICE_NAME, XKS_VPC_ENDPOINT_SERVICE_OWNER, XKS_CREDENTIAL);

    private static final Set<UpdatableProperty> ALL_HSM = EnumSet.of(NAME, KEY_STORE_PASSWORD, CLOUDHSM_CLUSTER_ID);

    @Test
    void everyPropertyOfItsTypeCanChangeWhileDisconnected() {
        assertThat(new UpdatePolicy(false).allowedIn(EXTERNAL_KEY_STORE, DISCONNECTED)).isEqualTo(ALL_XKS);
        assertThat(new UpdatePolicy(false).allowedIn(AWS_CLOUDHSM, DISCONNECTED)).isEqualTo(ALL_HSM);
    }

    @Test
    void anExternalKeyStoreChangesOnlyNamePathAndCredentialWhileConnected() {
        assertThat(new UpdatePolicy(false).allowedIn(EXTERNAL_KEY_STORE, CONNECTED)).isEqualTo(XKS_WHILE_CONNECTED);
        assertThat(new UpdatePolicy(true).allowedIn(EXTERNAL_KEY_STORE, CONNECTED)).isEqualTo(XKS_WHILE_CONNECTED);
    }

    @Test
    void aConnectedCloudHsmKeyStoreChangesNothingByDefault() {
        assertThat(new UpdatePolicy(false).allowedIn(AWS_CLOUDHSM, CONNECTED)).isEmpty();
    }

    @Test
    void aConnectedCloudHsmKeyStoreMayBeRenamedWhenTheSettingAllowsIt() {
        assertThat(new UpdatePolicy(true).allowedIn(AWS_CLOUDHSM, CONNECTED)).containsExactly(NAME);
    }

    @ParameterizedTest
    @EnumSource(value = ConnectionState.class, names = { "CONNECTING", "DISCONNECTING", "FAILED", "UNKNOWN" })
    void nothingChangesInTransientFailedOrUnknownStates(ConnectionState state) {
        assertThat(new UpdatePolicy(true).allowedIn(EXTERNAL_KEY_STORE, state)).isEmpty();
        assertThat(new UpdatePolicy(true).allowedIn(AWS_CLOUDHSM, state)).isEmpty();
    }

    /**
     * No secret-guessing oracle in the console either: a secret in the form is always a
     * change (the console never has the stored one to compare with), and it is refused or
     * allowed by the state alone, whatever its value.
     */
    @ParameterizedTest
    @EnumSource(ConnectionState.class)
    void aSecretIsJudgedByTheStateAloneWhateverItsValue(ConnectionState state) {
        var policy = new UpdatePolicy(false);
        var hsm = TestKeyStores.cloudHsm(state);
        var password = CloudHsmChange.between(hsm, null, "Finance2026", null);
        assertThat(password.properties()).containsExactly(KEY_STORE_PASSWORD);
        assertThat(policy.refusals(hsm, password))
            .isEqualTo(policy.refusals(hsm, CloudHsmChange.between(hsm, null, "AnotherOne7", null)))
            .containsOnlyKeys(state == DISCONNECTED ? Set.of() : Set.of(KEY_STORE_PASSWORD));

        var xks = TestKeyStores.xksPublic(state);
        String accessKeyId = xks.xks().orElseThrow().accessKeyId();
        var credential = XksChange.between(xks, null, null, null, null, null, null, accessKeyId,
                "Mc+9e8GY4mMCd8Eb4mzlEyJH/DMYrHfUQLAb0ZMFv2I=");
        assertThat(credential.properties()).containsExactly(XKS_CREDENTIAL);
        assertThat(policy.refusals(xks, credential))
            .isEqualTo(policy.refusals(xks,
                    XksChange.between(xks, null, null, null, null, null, null, accessKeyId,
                            "V3JvbmdTZWNyZXRXcm9uZ1NlY3JldFdyb25nU2VjcmV0==")))
            .containsOnlyKeys(state == DISCONNECTED || state == CONNECTED ? Set.of() : Set.of(XKS_CREDENTIAL));
    }

    @Test
    void propertiesOfTheOtherTypeAreNeverAllowed() {
        assertThat(new UpdatePolicy(false).refusal(AWS_CLOUDHSM, XKS_URI_PATH, DISCONNECTED))
            .hasValue("A CloudHSM key store has no proxy URI path.");
        assertThat(new UpdatePolicy(false).refusal(EXTERNAL_KEY_STORE, KEY_STORE_PASSWORD, DISCONNECTED)).isPresent();
    }

    @Test
    void aRefusalWhileConnectedSaysWhyAndHow() {
        assertThat(new UpdatePolicy(false).refusal(EXTERNAL_KEY_STORE, XKS_URI_ENDPOINT, CONNECTED)).hasValue(
                "KMS accepts a new proxy URI endpoint only while the key store is DISCONNECTED, and it is CONNECTED "
                        + "now. Disconnect the key store first (its KMS keys cannot be used until you connect it "
                        + "again), then make this change, or make it on the edit page and let the console disconnect, "
                        + "apply and reconnect for you (a guided change).");
    }

    @Test
    void theCloudHsmRenameRefusalNamesTheProjectRule() {
        assertThat(new UpdatePolicy(false).refusal(AWS_CLOUDHSM, NAME, CONNECTED)).get()
            .asString()
            .startsWith("This console renames a CloudHSM key store only while it is DISCONNECTED")
            .contains("Disconnect the key store first");
    }

    @Test
    void refusalsInOtherStatesTellWhatToWaitFor() {
        assertThat(new UpdatePolicy(false).refusal(EXTERNAL_KEY_STORE, NAME, CONNECTING)).get()
            .asString()
            .contains("it is CONNECTING now")
            .contains("Wait until the connection attempt has finished");
        assertThat(new UpdatePolicy(false).refusal(EXTERNAL_KEY_STORE, NAME, DISCONNECTING)).get()
            .asString()
            .contains("Wait until the key store is DISCONNECTED");
        assertThat(new UpdatePolicy(false).refusal(EXTERNAL_KEY_STORE, XKS_CREDENTIAL, FAILED)).get()
            .asString()
            .contains("only while the key store is CONNECTED or DISCONNECTED, and it is FAILED now")
            .contains("disconnect it first");
    }

    @Test
    void theRequirementOfTheCloudHsmNameFollowsTheSetting() {
        assertThat(new UpdatePolicy(false).requirement(AWS_CLOUDHSM, NAME)).isEqualTo(StateRequirement.DISCONNECTED);
        assertThat(new UpdatePolicy(true).requirement(AWS_CLOUDHSM, NAME))
            .isEqualTo(StateRequirement.CONNECTED_OR_DISCONNECTED);
        assertThat(new UpdatePolicy(false).requirement(EXTERNAL_KEY_STORE, NAME))
            .isEqualTo(StateRequirement.CONNECTED_OR_DISCONNECTED);
    }

    /**
     * A store in a connection state this console does not know gets no change at all,
     * with a sentence that says so rather than one about KMS's state rules.
     */
    @Test
    void anUnknownConnectionStateRefusesEveryChangeAsUnknown() {
        String unknown = "KMS reported a connection state this console does not know, so it changes nothing on "
                + "this key store.";
        assertThat(new UpdatePolicy(true).refusal(EXTERNAL_KEY_STORE, XKS_URI_PATH, UNKNOWN)).hasValue(unknown);
        assertThat(new UpdatePolicy(true).refusal(AWS_CLOUDHSM, NAME, UNKNOWN)).hasValue(unknown);
    }

    /**
     * Only a CloudHSM rename is refused with the project's own rule; any other refusal
     * quotes the KMS state rule of its property.
     */
    @Test
    void onlyACloudHsmRenameGetsTheProjectRuleEveryOtherRefusalQuotesKms() {
        assertThat(new UpdatePolicy(false).refusal(EXTERNAL_KEY_STORE, NAME, CONNECTING)).get()
            .asString()
            .startsWith("KMS accepts a new name only while the key store is CONNECTED or DISCONNECTED, and it is "
                    + "CONNECTING now. Wait until");
        assertThat(new UpdatePolicy(false).refusal(AWS_CLOUDHSM, KEY_STORE_PASSWORD, CONNECTED)).get()
            .asString()
            .startsWith("KMS accepts a new key store password (the kmsuser password) only while the key store is "
                    + "DISCONNECTED, and it is CONNECTED now. Disconnect the key store first");
    }

    /**
     * What a loaded store may change now follows its type and state; a store of a type
     * this console does not know may change nothing.
     */
    @Test
    void whatALoadedStoreMayChangeNowFollowsItsTypeAndState() {
        var policy = new UpdatePolicy(false);
        assertThat(policy.allowedNow(TestKeyStores.xksPublic(CONNECTED))).isEqualTo(XKS_WHILE_CONNECTED);
        assertThat(policy.allowedNow(TestKeyStores.cloudHsm(DISCONNECTED))).isEqualTo(ALL_HSM);
        assertThat(policy.allowedNow(ofUnknownType(DISCONNECTED))).isEmpty();
    }

    /**
     * A store of a type this console does not know is refused every change with a
     * sentence that says so; a known store gets the refusal of its type and state.
     */
    @Test
    void aStoreOfAnUnknownTypeIsRefusedEveryChange() {
        var policy = new UpdatePolicy(false);
        for (var property : UpdatableProperty.values()) {
            assertThat(policy.refusal(ofUnknownType(DISCONNECTED), property))
                .hasValue("KMS reported a key store type this console does not know, so it changes nothing on this key "
                        + "store.");
        }
        assertThat(policy.refusal(TestKeyStores.xksPublic(CONNECTED), XKS_URI_ENDPOINT))
            .isEqualTo(policy.refusal(EXTERNAL_KEY_STORE, XKS_URI_ENDPOINT, CONNECTED))
            .isPresent();
        assertThat(policy.refusal(TestKeyStores.xksPublic(CONNECTED), XKS_URI_PATH)).isEmpty();
    }

    /**
     * The refusals of a change are only asked for a change of the store's own type:
     * anything else is a programming error, not a refusal.
     */
    @Test
    void theRefusalsOfAChangeOfTheOtherStoreTypeAreAnError() {
        var hsm = TestKeyStores.cloudHsm(DISCONNECTED);
        var xksRename = new XksChange("renamed", null, null, null, null, null, null);
        assertThatIllegalArgumentException().isThrownBy(() -> new UpdatePolicy(false).refusals(hsm, xksRename));
    }

    static CustomKeyStore ofUnknownType(ConnectionState state) {
        var known = TestKeyStores.xksPublic(state);
        return new CustomKeyStore(known.id(), known.name(), null, state, null, known.creationDate(), null, null,
                known.xksProxy());
    }

}
