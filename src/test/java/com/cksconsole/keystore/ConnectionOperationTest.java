package com.cksconsole.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import com.cksconsole.kms.ConnectionState;

/** In which states KMS accepts ConnectCustomKeyStore and DisconnectCustomKeyStore. */
class ConnectionOperationTest {

    @Test
    void onlyADisconnectedStoreCanBeConnected() {
        var accepted = EnumSet.noneOf(ConnectionState.class);
        for (var state : ConnectionState.values()) {
            if (ConnectionOperation.CONNECT.acceptedIn(state)) {
                accepted.add(state);
            }
        }
        assertThat(accepted).containsExactly(ConnectionState.DISCONNECTED);
    }

    @Test
    void aConnectedConnectingOrFailedStoreCanBeDisconnected() {
        var accepted = EnumSet.noneOf(ConnectionState.class);
        for (var state : ConnectionState.values()) {
            if (ConnectionOperation.DISCONNECT.acceptedIn(state)) {
                accepted.add(state);
            }
        }
        assertThat(accepted).containsExactlyInAnyOrder(ConnectionState.CONNECTED, ConnectionState.CONNECTING,
                ConnectionState.FAILED);
    }

}
