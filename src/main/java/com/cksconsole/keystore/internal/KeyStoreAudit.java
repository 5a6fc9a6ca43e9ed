package com.cksconsole.keystore.internal;

import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreActivityRecord;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.PreflightClearance;
import com.cksconsole.keystore.NewXksStore;
import com.cksconsole.keystore.NewCloudHsmStore;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.proxyconfig.ProxyConfigurationSource;

/**
 * The keystore module's one audit port: the calls that change a key store in KMS.
 * Synchronous and fail closed: each method writes the intent before anything is sent to
 * KMS, does not send when it cannot
 * ({@link com.cksconsole.audit.AuditUnavailableException}), then records the outcome.
 * Everything one-way (a fresh Describe, a refused update, an import, a guided step, a
 * pre-flight result) is an application event instead
 * ({@link com.cksconsole.keystore.KeyStoreEvents}, {@link KeyStoreActivityRecord}) that
 * {@link KeyStoreAuditListener} writes. The one implementation is
 * {@link KeyStoreAuditing}.
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
     * Records the intent of an UpdateCustomKeyStore (plain or guided), runs the update
     * (which returns the KMS request ID or throws {@link KmsCallException}), then records
     * its outcome.
     * @throws com.cksconsole.audit.AuditUnavailableException the intent could not be
     * written; nothing was sent
     */
    Accepted auditedUpdate(KeyStoreRef ref, CustomKeyStore before, KeyStoreChange change, @Nullable String reason,
            @Nullable ProxyConfigurationSource importedFrom, Supplier<@Nullable String> update);

    /**
     * Records the intent of a ConnectCustomKeyStore or DisconnectCustomKeyStore (from the
     * detail page or a guided change's step), runs the call, then records its outcome.
     * @param intent the call's record ({@link KeyStoreActivityRecord#outcome()} null)
     * @param call the KMS call; returns the KMS request ID or throws
     * {@link KmsCallException}
     * @return the call's request ID
     * @throws com.cksconsole.audit.AuditUnavailableException the intent could not be
     * written; nothing was sent
     */
    @Nullable String auditedConnection(KeyStoreActivityRecord intent, Supplier<@Nullable String> call);

    /**
     * Records the intent of a DeleteCustomKeyStore (the store as described right before,
     * secret-free), runs the call, then records its outcome.
     * @throws com.cksconsole.audit.AuditUnavailableException the intent could not be
     * written; nothing was sent
     */
    Accepted auditedDeletion(KeyStoreRef ref, CustomKeyStore before, Supplier<@Nullable String> delete);

    /**
     * Records a deletion the console refused before sending it (the store's state, a
     * rename, another change holding it).
     * @param why the operator-facing reasons
     */
    void refusedDeletion(KeyStoreRef ref, CustomKeyStore store, List<String> why);

    /**
     * A store KMS created.
     *
     * @param outcomeRecorded false when the audit log could not record the outcome
     */
    record Created(KmsGateway.Created created, boolean outcomeRecorded) {
    }

    /**
     * Records the intent of a CreateCustomKeyStore for an external key store (every
     * value, the secret as a keyed fingerprint only, the pre-flight result and any
     * override with its reason), runs the call, then records its outcome.
     * @throws com.cksconsole.audit.AuditUnavailableException the intent could not be
     * written; nothing was sent
     */
    Created auditedCreate(NewXksStore store, PreflightClearance clearance,
            @Nullable ProxyConfigurationSource importedFrom, Supplier<KmsGateway.Created> create);

    /** An XKS proxy configuration read for a store being created, accepted or refused. */
    void importedForCreate(com.cksconsole.kms.KmsTarget target, String name, ProxyConfigurationSource configuration,
            java.util.List<String> problems);

    /** {@link #auditedCreate(NewXksStore, PreflightClearance, Supplier)} for CloudHSM. */
    Created auditedCreate(NewCloudHsmStore store, Supplier<KmsGateway.Created> create);

    /**
     * Records a create the console refused before sending it (the rules, or a pre-flight
     * neither passed nor overridden).
     * @param why the operator-facing reasons (never a typed value)
     */
    void refusedCreate(com.cksconsole.kms.KmsTarget target, String name, java.util.List<String> why);

}
