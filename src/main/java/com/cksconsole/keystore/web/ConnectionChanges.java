package com.cksconsole.keystore.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ChangeLine;
import com.cksconsole.approval.ProposedChange;
import com.cksconsole.keystore.ConnectionOperation;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreFingerprint;

/**
 * Connect and disconnect as a change for approval, built the same way when it is
 * requested and when it is executed, so that the two hashes agree unless the store
 * changed between them (its state, its name, any described property: the store's
 * fingerprint).
 */
final class ConnectionChanges {

    /**
     * The line's label: KMS's name of the property (DescribeCustomKeyStores), since the
     * approval's audit events use it as a parameter name.
     */
    static final String LABEL = "ConnectionState";

    private ConnectionChanges() {
    }

    static ApprovalOperation operation(ConnectionOperation operation) {
        return operation == ConnectionOperation.CONNECT ? ApprovalOperation.CONNECT : ApprovalOperation.DISCONNECT;
    }

    /** The path of an operation's pages, {@code connect} or {@code disconnect}. */
    static String path(ConnectionOperation operation) {
        return operation == ConnectionOperation.CONNECT ? "connect" : "disconnect";
    }

    static ProposedChange of(ConnectionOperation operation, String target, CustomKeyStore store) {
        String after = operation == ConnectionOperation.CONNECT ? "CONNECTED" : "DISCONNECTED";
        return new ProposedChange(target, store.id(), store.name() + " (" + store.id() + ")",
                Set.of(operation(operation)), List.of(new ChangeLine(LABEL, store.connectionState().name(), after)),
                Map.of(), Map.of(), KeyStoreFingerprint.of(store),
                "/t/" + target + "/key-stores/" + store.id() + "/" + path(operation) + "/approved/");
    }

}
