package com.cksconsole.keystore;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreRef;

/**
 * A custom key store KMS deleted.
 *
 * @param name its name right before it was deleted
 * @param kmsRequestId KMS's request ID of DeleteCustomKeyStore, when it gave one
 * @param outcomeRecorded false when the audit log could not record the outcome (the
 * intent then stays "outcome unknown")
 */
public record DeletedKeyStore(KeyStoreRef ref, String name, @Nullable String kmsRequestId, boolean outcomeRecorded) {
}
