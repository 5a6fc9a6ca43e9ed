package com.cksconsole.keystore.internal;

import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.proxyconfig.ProxyConfigurationSource;

/**
 * What the key store service tells the audit log. Fail closed: {@link #auditedUpdate}
 * writes the intent before anything is sent to KMS and does not send when it cannot.
 */
interface KeyStoreAudit {

    /**
     * An update KMS accepted.
     *
     * @param kmsRequestId KMS's request ID, when it gave one
     * @param outcomeRecorded false when the audit log could not record the outcome: its
     * intent stays "outcome unknown" until it is reconciled from a later Describe
     */
    record Accepted(@Nullable String kmsRequestId, boolean outcomeRecorded) {
    }

    /**
     * Records the intent, runs the update (which returns the KMS request ID or throws
     * {@link KmsCallException}), then records its outcome.
     * @throws com.cksconsole.audit.AuditUnavailableException the intent could not be
     * written; nothing was sent
     */
    Accepted auditedUpdate(KeyStoreRef ref, CustomKeyStore before, KeyStoreChange change, @Nullable String reason,
            @Nullable ProxyConfigurationSource importedFrom, Supplier<@Nullable String> update);

    /**
     * An XKS proxy configuration read for this store's form: accepted, or refused with
     * the parser's reasons.
     */
    void imported(KeyStoreRef ref, CustomKeyStore store, ProxyConfigurationSource configuration, List<String> problems);

    /**
     * An update refused before anything was sent: validation, state rules, a store
     * changed meanwhile.
     */
    void refusedUpdate(KeyStoreRef ref, CustomKeyStore store, @Nullable KeyStoreChange change, @Nullable String reason,
            List<String> why);

    /**
     * What a Describe of every store showed, to resolve intents whose outcome was lost.
     * Never throws.
     */
    void described(KmsTarget target, List<CustomKeyStore> stores);

}
