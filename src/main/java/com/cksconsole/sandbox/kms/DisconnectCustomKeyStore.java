package com.cksconsole.sandbox.kms;

import java.time.Duration;

import tools.jackson.databind.node.ObjectNode;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.sandbox.kms.SandboxKeyStore.Pending;

/**
 * DisconnectCustomKeyStore (KMS API Reference, DisconnectCustomKeyStore): from CONNECTED,
 * CONNECTING or FAILED to DISCONNECTING, and to DISCONNECTED after the configured delay;
 * the ConnectionErrorCode disappears.
 */
final class DisconnectCustomKeyStore implements KmsOperation {

    private final RegionTransactions transactions;

    private final Duration delay;

    DisconnectCustomKeyStore(RegionTransactions transactions, Duration delay) {
        this.transactions = transactions;
        this.delay = delay;
    }

    @Override
    public String name() {
        return "DisconnectCustomKeyStore";
    }

    @Override
    public ObjectNode handle(Call call, KmsRequest request) {
        String id = ConnectCustomKeyStore.StoreIdRequest.read(request);
        transactions.inRegion(call.target(), region -> {
            SandboxKeyStore store = region.require(id);
            if (store.connectionState() == ConnectionState.DISCONNECTED
                    || store.connectionState() == ConnectionState.DISCONNECTING) {
                throw KmsError.invalidState("Custom key store " + id + " is " + store.connectionState()
                        + ". Only a CONNECTED, CONNECTING or FAILED custom key store can be disconnected.");
            }
            return region.update(store.transitioning(ConnectionState.DISCONNECTING,
                    new Pending(ConnectionState.DISCONNECTED, null, region.now().plus(delay))));
        });
        return KmsOperation.emptyResponse();
    }

}
