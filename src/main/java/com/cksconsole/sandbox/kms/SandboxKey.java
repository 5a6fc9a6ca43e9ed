package com.cksconsole.sandbox.kms;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.ConnectionState;

/**
 * One KMS key in a custom key store as the sandbox keeps it. {@code state} is the state
 * KMS remembers underneath; {@link #visibleState} is what DescribeKey shows (KMS
 * Developer Guide, "Key states of AWS KMS keys": every key of a store that is not
 * CONNECTED is Unavailable, except a key pending deletion; after reconnecting each key is
 * back in its own state).
 *
 * @param origin {@code AWS_CLOUDHSM} or {@code EXTERNAL_KEY_STORE}
 * @param deletionDate when a key pending deletion is deleted; null otherwise
 * @param xksKeyId the external key of an {@code EXTERNAL_KEY_STORE} key; null otherwise
 */
record SandboxKey(String accountId, String region, String keyId, String customKeyStoreId, String origin, State state,
        String description, Instant creationDate, @Nullable Instant deletionDate, @Nullable String xksKeyId) {

    static final String ORIGIN_CLOUDHSM = "AWS_CLOUDHSM";

    static final String ORIGIN_XKS = "EXTERNAL_KEY_STORE";

    /** The KeyState values a key in a custom key store can have (wire names). */
    enum State {

        Enabled, Disabled, PendingDeletion, Unavailable

    }

    String arn() {
        return "arn:aws:kms:" + region + ":" + accountId + ":key/" + keyId;
    }

    boolean external() {
        return ORIGIN_XKS.equals(origin);
    }

    State visibleState(ConnectionState storeState) {
        if (state == State.PendingDeletion) {
            return state;
        }
        return storeState == ConnectionState.CONNECTED ? state : State.Unavailable;
    }

    SandboxKey withState(State newState, @Nullable Instant newDeletionDate) {
        return new SandboxKey(accountId, region, keyId, customKeyStoreId, origin, newState, description, creationDate,
                newDeletionDate, xksKeyId);
    }

    SandboxKey withDescription(String newDescription) {
        return new SandboxKey(accountId, region, keyId, customKeyStoreId, origin, state, newDescription, creationDate,
                deletionDate, xksKeyId);
    }

}
