package com.cksconsole.keystore;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KmsTarget;
import com.cksconsole.proxyconfig.ProxyConfigurationSource;

/**
 * CreateCustomKeyStore, audited (intent before the KMS call, outcome after, fail closed),
 * with the checks that come before it: every rule of the request the console can check
 * ({@link CreationRules}) and, for an external key store, the console's own
 * GetHealthStatus at the proxy ({@link XksPreflight}). The public facade of the keystore
 * module for the create wizards.
 */
public interface KeyStoreCreation {

    /**
     * The rules of the request against the target's Describe snapshot and its store
     * quota; empty when KMS should accept it as far as the console can tell.
     */
    List<CreateProblem> check(NewXksStore store);

    /**
     * The rules of the first step: the name's constraints, that no store of the target
     * has it, and room under the target's quota.
     */
    List<CreateProblem> checkName(KmsTarget target, String name);

    /** {@link #check(NewXksStore)} for a CloudHSM key store. */
    List<CreateProblem> check(NewCloudHsmStore store);

    /**
     * The console's own GetHealthStatus at the store's endpoint and path, signed with its
     * credential (used for this call only, never kept).
     */
    PreflightResult healthCheck(NewXksStore store);

    /** How many custom key stores the target may hold (from its configuration). */
    int quota(KmsTarget target);

    /**
     * Checks the rules again on a fresh Describe, records the pre-flight clearance, then
     * sends CreateCustomKeyStore and forgets the target's snapshot.
     * @throws CreateRefusedException a rule would make KMS refuse; nothing was sent
     * @throws ChangeNotSentException the audit intent could not be written; nothing was
     * sent
     * @throws KeyStoreCreateFailedException KMS refused or did not answer
     * @throws KmsCallException the Describe before sending failed; nothing was sent
     */
    CreatedStore createXks(NewXksStore store, String actor, PreflightClearance clearance,
            @Nullable ProxyConfigurationSource importedFrom);

    /** {@link #createXks} for a CloudHSM key store (no proxy, so no pre-flight). */
    CreatedStore createCloudHsm(NewCloudHsmStore store, String actor);

    /**
     * Records that the wizard refused to send a store (the rules, or a pre-flight neither
     * passed nor overridden), so the audit log holds every attempt.
     */
    void recordRefusedCreate(KmsTarget target, String name, String actor, List<String> why);

    /**
     * Records that a proxy configuration file was read for a store being created (its
     * name, size and SHA-256, never its content), with the reasons when it was refused.
     * @param name the name entered for the store so far
     */
    void recordImport(KmsTarget target, String name, ProxyConfigurationSource configuration, List<String> problems);

}
