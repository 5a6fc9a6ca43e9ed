package com.cksconsole.keystore;

import org.jspecify.annotations.Nullable;

/**
 * KMS did not apply the change (or did not confirm it).
 *
 * @see #current() the store as Describe showed it right after the failure, where that
 * helps the operator
 */
public class KeyStoreUpdateFailedException extends RuntimeException {

    private final KmsFailure failure;

    private final CustomKeyStore before;

    private final @Nullable CustomKeyStore current;

    public KeyStoreUpdateFailedException(KmsFailure failure, CustomKeyStore before, @Nullable CustomKeyStore current) {
        super("UpdateCustomKeyStore failed: " + failure.errorCode());
        this.failure = failure;
        this.before = before;
        this.current = current;
    }

    public KmsFailure failure() {
        return failure;
    }

    public CustomKeyStore before() {
        return before;
    }

    /** Null when not re-read (not needed for this failure, or Describe failed too). */
    public @Nullable CustomKeyStore current() {
        return current;
    }

    /**
     * For failures without a KMS answer (timeout, unreachable): true only when a fresh
     * Describe shows the store exactly as before, i.e. it is confirmed that nothing
     * changed.
     */
    public boolean confirmedUnchanged() {
        return current != null && current.fingerprint().equals(before.fingerprint());
    }

}
