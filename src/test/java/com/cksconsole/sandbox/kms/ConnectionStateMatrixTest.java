package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Consumer;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import software.amazon.awssdk.services.kms.model.ConnectionErrorCodeType;
import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.UpdateCustomKeyStoreRequest;

/**
 * The operation x connection-state matrix of KMS (KMS API Reference,
 * CustomKeyStoreInvalidStateException) and the exact transitions (KMS API Reference,
 * CustomKeyStoresListEntry), with time frozen: a transient state lasts until the test
 * advances the clock past its deadline. In this context CloudHSM stores may be renamed
 * while CONNECTED ({@code console.kms.cloudhsm-rename-while-connected=true}).
 */
class ConnectionStateMatrixTest extends FrozenClockTestSupport {

    private static final String INVALID_STATE = "CustomKeyStoreInvalidStateException";

    @Test
    void connectIsConnectingUntilTheDeadlineAndThenConnected() {
        String id = createCloudHsm("m-hsm");

        kms.connectCustomKeyStore(b -> b.customKeyStoreId(id));

        assertThat(state(id)).isEqualTo(ConnectionStateType.CONNECTING);
        clock.advance(CONNECT_DELAY.minusMillis(1));
        assertThat(state(id)).isEqualTo(ConnectionStateType.CONNECTING);
        clock.advance(Duration.ofMillis(1));
        assertThat(state(id)).isEqualTo(ConnectionStateType.CONNECTED);
    }

    @Test
    void aFailingConnectShowsNoErrorCodeUntilItHasFailed() {
        String id = createCloudHsm("m-hsm", SPARE_CLUSTER, "NotTheRightOne7");

        kms.connectCustomKeyStore(b -> b.customKeyStoreId(id));

        assertThat(describe(id).connectionErrorCode()).isNull();
        clock.advance(CONNECT_DELAY);
        var failed = describe(id);
        assertThat(failed.connectionState()).isEqualTo(ConnectionStateType.FAILED);
        assertThat(failed.connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.INVALID_CREDENTIALS);
    }

    @Test
    void disconnectIsDisconnectingUntilTheDeadlineAndThenDisconnected() {
        String id = storeIn(State.CONNECTED, false);

        kms.disconnectCustomKeyStore(b -> b.customKeyStoreId(id));

        assertThat(state(id)).isEqualTo(ConnectionStateType.DISCONNECTING);
        clock.advance(DISCONNECT_DELAY.minusMillis(1));
        assertThat(state(id)).isEqualTo(ConnectionStateType.DISCONNECTING);
        clock.advance(Duration.ofMillis(1));
        assertThat(state(id)).isEqualTo(ConnectionStateType.DISCONNECTED);
    }

    @Test
    void connectingAgainWhileConnectingKeepsTheFirstDeadline() {
        String id = createCloudHsm("m-hsm");
        kms.connectCustomKeyStore(b -> b.customKeyStoreId(id));
        clock.advance(CONNECT_DELAY.minusMillis(50));

        kms.connectCustomKeyStore(b -> b.customKeyStoreId(id));
        clock.advance(Duration.ofMillis(50));

        assertThat(state(id)).isEqualTo(ConnectionStateType.CONNECTED);
    }

    @Test
    void disconnectingWhileConnectingAbandonsTheConnection() {
        String id = storeIn(State.CONNECTING, false);

        kms.disconnectCustomKeyStore(b -> b.customKeyStoreId(id));
        clock.advance(CONNECT_DELAY.plus(DISCONNECT_DELAY));

        assertThat(state(id)).isEqualTo(ConnectionStateType.DISCONNECTED);
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void connect(State state) {
        String id = storeIn(state, false);

        ThrowingCallable connect = () -> kms.connectCustomKeyStore(b -> b.customKeyStoreId(id));

        switch (state) {
            case DISCONNECTED -> expectState(connect, id, ConnectionStateType.CONNECTING);
            case CONNECTING -> expectState(connect, id, ConnectionStateType.CONNECTING);
            case CONNECTED -> expectState(connect, id, ConnectionStateType.CONNECTED);
            case FAILED, DISCONNECTING -> expectInvalidState(connect, id, state);
        }
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void disconnect(State state) {
        String id = storeIn(state, false);

        ThrowingCallable disconnect = () -> kms.disconnectCustomKeyStore(b -> b.customKeyStoreId(id));

        switch (state) {
            case CONNECTING, CONNECTED, FAILED -> {
                expectState(disconnect, id, ConnectionStateType.DISCONNECTING);
                assertThat(describe(id).connectionErrorCode()).isNull();
            }
            case DISCONNECTED, DISCONNECTING -> expectInvalidState(disconnect, id, state);
        }
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void delete(State state) throws Throwable {
        String id = storeIn(state, false);

        ThrowingCallable delete = () -> kms.deleteCustomKeyStore(b -> b.customKeyStoreId(id));

        if (state == State.DISCONNECTED) {
            delete.call();
            kmsError(() -> describe(id), "CustomKeyStoreNotFoundException");
        }
        else {
            expectInvalidState(delete, id, state);
        }
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void updateNameOfAnExternalKeyStore(State state) {
        expectUpdate(state, true, b -> b.newCustomKeyStoreName("m-renamed"),
                state == State.DISCONNECTED || state == State.CONNECTED);
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void updatePathAndCredentialOfAnExternalKeyStore(State state) {
        expectUpdate(state, true,
                b -> b.xksProxyUriPath("/tenant-a/kms/xks/v1").xksProxyAuthenticationCredential(TENANT_A),
                state == State.DISCONNECTED || state == State.CONNECTED);
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void updateEndpointOfAnExternalKeyStore(State state) {
        expectUpdate(state, true, b -> b.xksProxyUriEndpoint(LAB_ENDPOINT), state == State.DISCONNECTED);
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void updateNameOfACloudHsmKeyStoreWithRenameWhileConnectedOn(State state) {
        expectUpdate(state, false, b -> b.newCustomKeyStoreName("m-renamed"),
                state == State.DISCONNECTED || state == State.CONNECTED);
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void updatePasswordOfACloudHsmKeyStore(State state) {
        expectUpdate(state, false, b -> b.keyStorePassword("AnotherOne7"), state == State.DISCONNECTED);
    }

    @Test
    void renameAndPasswordTogetherStillNeedDisconnected() {
        String id = storeIn(State.CONNECTED, false);

        var error = kmsError(
                () -> kms.updateCustomKeyStore(
                        b -> b.customKeyStoreId(id).newCustomKeyStoreName("m-renamed").keyStorePassword("AnotherOne7")),
                INVALID_STATE);

        assertThat(message(error)).contains("NewCustomKeyStoreName can also change while it is CONNECTED");
    }

    private void expectUpdate(State state, boolean externalKeyStore,
            Consumer<UpdateCustomKeyStoreRequest.Builder> change, boolean allowed) {
        String id = storeIn(state, externalKeyStore);
        ThrowingCallable update = () -> kms.updateCustomKeyStore(b -> change.accept(b.customKeyStoreId(id)));
        if (allowed) {
            var before = state(id);
            try {
                update.call();
            }
            catch (Throwable e) {
                throw new AssertionError("update refused in " + state, e);
            }
            assertThat(state(id)).isEqualTo(before);
        }
        else {
            expectInvalidState(update, id, state);
        }
    }

    private void expectState(ThrowingCallable call, String id, ConnectionStateType expected) {
        try {
            call.call();
        }
        catch (Throwable e) {
            throw new AssertionError("refused", e);
        }
        assertThat(state(id)).isEqualTo(expected);
    }

    private void expectInvalidState(ThrowingCallable call, String id, State state) {
        var before = describe(id);
        var error = kmsError(call, INVALID_STATE);
        assertThat(message(error)).contains(state.name());
        assertThat(describe(id)).isEqualTo(before);
    }

}
