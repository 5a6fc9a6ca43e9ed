package com.cksconsole.keystore;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreRef;

/**
 * A key store KMS created.
 *
 * @param kmsRequestId KMS's request ID, when it gave one
 * @param outcomeRecorded false when the audit log could not record the outcome (its
 * intent stays "outcome unknown")
 */
public record CreatedStore(KeyStoreRef ref, @Nullable String kmsRequestId, boolean outcomeRecorded) {
}
