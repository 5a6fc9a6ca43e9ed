package com.cksconsole.approval;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Changes as a key store page would describe them for approval. */
final class ApprovalTestChanges {

    static final String TARGET = "prod";

    static final String OTHER_TARGET = "staging";

    static final String STORE = "cks-1234567890abcdef0";

    static final String OTHER_STORE = "cks-0fedcba0987654321";

    static final String STORE_FINGERPRINT = "store-fingerprint-1";

    private ApprovalTestChanges() {
    }

    /** Disconnecting {@link #STORE} of {@link #TARGET}. */
    static ProposedChange disconnect() {
        return disconnect(STORE);
    }

    static ProposedChange disconnect(String store) {
        return new ProposedChange(TARGET, store, "payments-hsm (" + store + ")", Set.of(ApprovalOperation.DISCONNECT),
                List.of(new ChangeLine("Connection", "CONNECTED", "DISCONNECTED")), Map.of("keyStoreId", store),
                Map.of(), STORE_FINGERPRINT, "/t/prod/key-stores/" + store + "/approved/");
    }

    /**
     * A password change of {@link #STORE}, with the new password's fingerprint and
     * {@code storeFingerprint} as the store was read.
     */
    static ProposedChange passwordChange(String passwordFingerprint, String storeFingerprint) {
        return new ProposedChange(TARGET, STORE, "payments-hsm (" + STORE + ")",
                Set.of(ApprovalOperation.UPDATE_PASSWORD),
                List.of(new ChangeLine("Key store password", null, "(replaced)"),
                        new ChangeLine("Connection", "DISCONNECTED", "DISCONNECTED")),
                Map.of("keyStoreId", STORE, "reconnect", "false"), Map.of("KeyStorePassword", passwordFingerprint),
                storeFingerprint, "/t/prod/key-stores/" + STORE + "/approved/");
    }

}
