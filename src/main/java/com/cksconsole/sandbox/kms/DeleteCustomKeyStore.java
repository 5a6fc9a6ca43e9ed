package com.cksconsole.sandbox.kms;

import tools.jackson.databind.node.ObjectNode;

import com.cksconsole.kms.ConnectionState;

/**
 * DeleteCustomKeyStore (KMS API Reference, DeleteCustomKeyStore): only a DISCONNECTED
 * store without KMS keys. A store has keys until the waiting period of each has ended:
 * keys pending deletion count (inferred from the API Reference; unconfirmed). When both
 * rules fail, the state is reported first (AWS's precedence is unconfirmed).
 */
final class DeleteCustomKeyStore implements KmsOperation {

    private final RegionTransactions transactions;

    private final KeyRepository keys;

    DeleteCustomKeyStore(RegionTransactions transactions, KeyRepository keys) {
        this.transactions = transactions;
        this.keys = keys;
    }

    @Override
    public String name() {
        return "DeleteCustomKeyStore";
    }

    @Override
    public ObjectNode handle(Call call, KmsRequest request) {
        String id = ConnectCustomKeyStore.StoreIdRequest.read(request);
        KeyRegion.inRegion(transactions, keys, call.target(), region -> {
            SandboxKeyStore store = region.stores().require(id);
            if (store.connectionState() != ConnectionState.DISCONNECTED) {
                throw KmsError.invalidState("Custom key store " + id + " is " + store.connectionState()
                        + ". Disconnect it (DisconnectCustomKeyStore) before you delete it.");
            }
            int count = keys.findByStore(call.target(), id).size();
            if (count > 0) {
                throw KmsError.of("CustomKeyStoreHasCMKsException",
                        "Custom key store " + id + " contains " + count
                                + " KMS keys. Schedule their deletion and wait until they are deleted, then delete the "
                                + "custom key store.");
            }
            region.stores().delete(store);
            return Boolean.TRUE;
        });
        return KmsOperation.emptyResponse();
    }

}
