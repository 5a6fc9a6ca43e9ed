package com.cksconsole.keystore.guided;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.kms.KeyStoreRef;

/**
 * The key store operations the steps make, with their failures as values: the one place
 * the steps meet the keystore API ({@link KeyStoreServiceCalls}), and the fake a step's
 * unit test gives it. Failures a step does not decide on are not mapped: they reach
 * {@link GuidedChangeRunner}, which takes the step again later.
 */
interface KeyStoreCalls {

    /** A fresh DescribeCustomKeyStores of the run's store. */
    Described describe(KeyStoreRef store);

    /**
     * DisconnectCustomKeyStore in the name of the run: {@link Accepted}, {@link Refused},
     * {@link Gone} or {@link Busy}.
     */
    CallResult disconnect(KeyStoreRef store, String actor, String runId);

    /**
     * ConnectCustomKeyStore in the name of the run: {@link Accepted}, {@link Refused},
     * {@link Gone} or {@link Busy}.
     */
    CallResult connect(KeyStoreRef store, String actor, String runId);

    /**
     * UpdateCustomKeyStore, audited first: {@link Accepted}, {@link Refused} or
     * {@link AuditUnavailable}.
     */
    CallResult update(KeyStoreRef ref, CustomKeyStore before, String runId, String actor, KeyStoreChange change,
            @Nullable String reason);

    /** Drops the cached list of stores (a state changed). */
    void forgetSnapshot(KeyStoreRef store);

    /** What a Describe found. */
    sealed interface Described {

    }

    record Seen(CustomKeyStore store) implements Described {
    }

    /** The store no longer exists in KMS. */
    record NotFound() implements Described {
    }

    /**
     * KMS could not be asked; {@code failure.kind().isTransient()} says whether asking
     * again may help.
     */
    record Unanswered(KmsFailure failure) implements Described {
    }

    /** What a KMS call came to. */
    sealed interface CallResult {

    }

    record Accepted(@Nullable String requestId) implements CallResult {
    }

    /**
     * KMS refused or did not answer.
     *
     * @param current the store as described after the failure, when known (connect and
     * disconnect only)
     * @param explanation what the failure means for the operator (connect and disconnect
     * only; else empty)
     */
    record Refused(KmsFailure failure, @Nullable CustomKeyStore current, String explanation) implements CallResult {
    }

    /** The store no longer exists. */
    record Gone() implements CallResult {
    }

    /** Another change holds the store. */
    record Busy() implements CallResult {
    }

    /** The audit log could not record the intent, so nothing was sent (fail closed). */
    record AuditUnavailable() implements CallResult {
    }

}
