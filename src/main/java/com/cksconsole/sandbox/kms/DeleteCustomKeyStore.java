package com.cksconsole.sandbox.kms;

import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

import com.cksconsole.kms.ConnectionState;

/**
 * DeleteCustomKeyStore (KMS API Reference, DeleteCustomKeyStore): only a DISCONNECTED
 * store without KMS keys. When both fail, the state is reported first (AWS's precedence
 * is unconfirmed). The sandbox has no KMS keys; {@code console.sandbox.kms-key-counts}
 * pretends some stores (by name) hold keys.
 */
final class DeleteCustomKeyStore implements KmsOperation {

    private final RegionTransactions transactions;

    private final Map<String, Integer> kmsKeyCounts;

    DeleteCustomKeyStore(RegionTransactions transactions, Map<String, Integer> kmsKeyCounts) {
        this.transactions = transactions;
        this.kmsKeyCounts = kmsKeyCounts;
    }

    @Override
    public String name() {
        return "DeleteCustomKeyStore";
    }

    @Override
    public ObjectNode handle(Call call, KmsRequest request) {
        String id = ConnectCustomKeyStore.StoreIdRequest.read(request);
        transactions.inRegion(call.target(), region -> {
            SandboxKeyStore store = region.require(id);
            if (store.connectionState() != ConnectionState.DISCONNECTED) {
                throw KmsError.invalidState("Custom key store " + id + " is " + store.connectionState()
                        + ". Disconnect it (DisconnectCustomKeyStore) before you delete it.");
            }
            int keys = kmsKeyCounts.getOrDefault(store.name(), 0);
            if (keys > 0) {
                throw KmsError.of("CustomKeyStoreHasCMKsException",
                        "Custom key store " + id + " contains " + keys
                                + " KMS keys. Schedule their deletion and wait until they are deleted, then delete the "
                                + "custom key store.");
            }
            region.delete(store);
            return Boolean.TRUE;
        });
        return KmsOperation.emptyResponse();
    }

}
