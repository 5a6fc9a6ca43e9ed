package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.UpdateCustomKeyStoreRequest;
import software.amazon.awssdk.services.kms.model.XksProxyAuthenticationCredentialType;

/**
 * UpdateCustomKeyStore is no secret-guessing oracle. For every connection state and both
 * secret members, a request carrying the stored secret and one carrying another secret
 * are judged alike: in a state that does not allow the member (KMS API Reference,
 * UpdateCustomKeyStore: KeyStorePassword only while DISCONNECTED; the XKS credential
 * while CONNECTED or DISCONNECTED) both are refused with
 * CustomKeyStoreInvalidStateException and the store stays as it was; in a state that
 * allows it both are taken as sent, an XKS credential being checked with the proxy (never
 * compared with the stored one). Through the real SDK against the sandbox, with time
 * frozen so that transient states hold.
 */
class SecretMembersByStateTest extends FrozenClockTestSupport {

    private static final String INVALID_STATE = "CustomKeyStoreInvalidStateException";

    private static final String OTHER_PASSWORD = "GuessedWrong7";

    /** What the request carries: the secret the store holds, or another one. */
    enum Sent {

        STORED_SECRET, OTHER_SECRET

    }

    static Stream<Arguments> everyStateWithBothSecrets() {
        return Arrays.stream(State.values())
            .flatMap(state -> Arrays.stream(Sent.values()).map(sent -> Arguments.of(state, sent)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("everyStateWithBothSecrets")
    void keyStorePasswordOfACloudHsmKeyStore(State state, Sent sent) {
        String id = storeIn(state, false);
        String stored = state == State.FAILED ? "NotTheRightOne7" : SPARE_CLUSTER_PASSWORD;
        String password = sent == Sent.STORED_SECRET ? stored : OTHER_PASSWORD;

        if (state == State.DISCONNECTED) {
            update(id, b -> b.keyStorePassword(password));
            assertThat(state(id)).as("accepted").isEqualTo(ConnectionStateType.DISCONNECTED);
        }
        else {
            expectRefused(id, state, b -> b.keyStorePassword(password));
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("everyStateWithBothSecrets")
    void credentialOfAnExternalKeyStore(State state, Sent sent) {
        String id = storeIn(state, true);
        // storeIn: a public /tenant-b store with TENANT_B, or for FAILED a VPC
        // /unavailable store with LAB.
        XksProxyAuthenticationCredentialType stored = state == State.FAILED ? LAB : TENANT_B;
        XksProxyAuthenticationCredentialType credential = sent == Sent.STORED_SECRET ? stored : TENANT_A;

        if (state == State.CONNECTED || state == State.DISCONNECTED) {
            xksCalls.clear();
            if (sent == Sent.STORED_SECRET) {
                update(id, b -> b.xksProxyAuthenticationCredential(credential));
            }
            else {
                // The proxy at /tenant-b does not know TENANT_A: the proxy says so, not a
                // comparison.
                kmsError(() -> update(id, b -> b.xksProxyAuthenticationCredential(credential)),
                        "XksProxyIncorrectAuthenticationCredentialException");
            }
            assertThat(xksCalls.requestsFor(region)).as("checked with the proxy as sent")
                .singleElement()
                .satisfies(call -> {
                    assertThat(call.kmsOperation()).isEqualTo("UpdateCustomKeyStore");
                    assertThat(call.credential().accessKeyId()).isEqualTo(credential.accessKeyId());
                });
        }
        else {
            expectRefused(id, state, b -> b.xksProxyAuthenticationCredential(credential));
            assertThat(xksCalls.requestsFor(region)).as("no proxy call for a refused update")
                .noneMatch(call -> "UpdateCustomKeyStore".equals(call.kmsOperation()));
        }
    }

    private void expectRefused(String id, State state, Consumer<UpdateCustomKeyStoreRequest.Builder> change) {
        var before = describe(id);
        var error = kmsError(() -> update(id, change), INVALID_STATE);
        assertThat(message(error)).contains(state.name());
        assertThat(describe(id)).isEqualTo(before);
    }

    private void update(String id, Consumer<UpdateCustomKeyStoreRequest.Builder> change) {
        kms.updateCustomKeyStore(b -> change.accept(b.customKeyStoreId(id)));
    }

}
