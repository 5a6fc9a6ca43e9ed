package com.cksconsole.keystore;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreRef;

/**
 * One thing that happened (or is about to happen) to a key store, published as an
 * application event (a one-way notification: the audit log listens to it; see
 * {@link KeyStoreEvents}).
 *
 * @param action what it is
 * @param store the key store concerned (its account, Region and ID)
 * @param actor the signed-in user who asked for it (for a guided change's steps: the user
 * who started it)
 * @param runId the guided change it belongs to, if any
 * @param change the UpdateCustomKeyStore members, for
 * {@link KeyStoreActivityAction#GUIDED_RUN_STARTED}; its secrets are {@link Secret}s
 * (redacted in {@code toString()}; an audit log may fingerprint them, never store them)
 * @param details further facts, in order (never a secret)
 * @param reason the operator's reason or ticket reference, if any
 * @param outcome null for the intent of a connect or disconnect, published just before
 * the call
 * @param errorCode the KMS error name (or another short failure name) when it failed
 * @param kmsRequestId the KMS request ID, when KMS answered
 */
public record KeyStoreActivityRecord(KeyStoreActivityAction action, KeyStoreRef store, String actor,
        @Nullable String runId, @Nullable KeyStoreChange change, Map<String, String> details, @Nullable String reason,
        @Nullable Outcome outcome, @Nullable String errorCode, @Nullable String kmsRequestId) {

    /** How a reported activity ended. */
    public enum Outcome {

        SUCCEEDED, FAILED,
        /** Neither: a decision or a note (a cancellation request, a skipped step). */
        NOTED

    }

    public KeyStoreActivityRecord {
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** An intent (no outcome yet) without details. */
    public static KeyStoreActivityRecord intent(KeyStoreActivityAction action, KeyStoreRef store, String actor,
            @Nullable String runId) {
        return new KeyStoreActivityRecord(action, store, actor, runId, null, Map.of(), null, null, null, null);
    }

    /** The store's ID (for log lines within its account and Region). */
    public String storeId() {
        return store.keyStoreId();
    }

    public KeyStoreActivityRecord withChange(@Nullable KeyStoreChange newChange) {
        return new KeyStoreActivityRecord(action, store, actor, runId, newChange, details, reason, outcome, errorCode,
                kmsRequestId);
    }

    public KeyStoreActivityRecord withReason(@Nullable String newReason) {
        return new KeyStoreActivityRecord(action, store, actor, runId, change, details, newReason, outcome, errorCode,
                kmsRequestId);
    }

    /** The same record with one more detail (a null value is left out). */
    public KeyStoreActivityRecord with(String name, @Nullable Object value) {
        if (value == null) {
            return this;
        }
        var more = new LinkedHashMap<>(details);
        more.put(name, value.toString());
        return new KeyStoreActivityRecord(action, store, actor, runId, change, more, reason, outcome, errorCode,
                kmsRequestId);
    }

    public KeyStoreActivityRecord succeeded(@Nullable String requestId) {
        return new KeyStoreActivityRecord(action, store, actor, runId, change, details, reason, Outcome.SUCCEEDED, null,
                requestId);
    }

    public KeyStoreActivityRecord failed(String error, @Nullable String requestId) {
        return new KeyStoreActivityRecord(action, store, actor, runId, change, details, reason, Outcome.FAILED, error,
                requestId);
    }

    public KeyStoreActivityRecord noted() {
        return new KeyStoreActivityRecord(action, store, actor, runId, change, details, reason, Outcome.NOTED, null,
                null);
    }
}
