package com.cksconsole.keystore.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ChangeLine;
import com.cksconsole.approval.ProposedChange;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreFingerprint;

/**
 * Deleting a store as a change for approval, built the same way when it is requested and
 * when it is executed. The name the requester typed is one of its parameters: the
 * execution sends it as the confirmed name, and a store renamed since then differs in its
 * line and its fingerprint, which voids the approval.
 */
final class DeletionChanges {

    static final String CONFIRMED_NAME = "confirmedName";

    /**
     * The line's label, a name as KMS's API writes them, since the approval's audit
     * events use it as a parameter name.
     */
    static final String LABEL = "CustomKeyStore";

    private DeletionChanges() {
    }

    static ProposedChange of(String target, CustomKeyStore store, String confirmedName) {
        return new ProposedChange(target, store.id(), store.name() + " (" + store.id() + ")",
                Set.of(ApprovalOperation.DELETE), List.of(new ChangeLine(LABEL, store.name(), "deleted")),
                Map.of(CONFIRMED_NAME, confirmedName), Map.of(), KeyStoreFingerprint.of(store),
                "/t/" + target + "/key-stores/" + store.id() + "/delete/approved/");
    }

}
