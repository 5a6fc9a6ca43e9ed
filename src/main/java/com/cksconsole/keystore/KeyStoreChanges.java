package com.cksconsole.keystore;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.proxyconfig.ProxyConfigurationSource;

/**
 * UpdateCustomKeyStore, audited (intent written before the KMS call, fail closed), and
 * the records of what did not reach KMS (a refused update, an imported proxy
 * configuration, a pre-flight decision). The public facade of the keystore module for the
 * edit and review pages and the guided change's update step.
 */
public interface KeyStoreChanges {

    /**
     * Applies a reviewed change: takes the store's change lock, re-describes the store,
     * refuses when it changed since the form was loaded, when its state no longer allows
     * the change, or when a needed XKS pre-flight clearance is missing, sends
     * UpdateCustomKeyStore with the changed members only, and describes the store again.
     * @throws KeyStoreBusyException a guided change or another edit holds the store;
     * nothing was sent
     * @throws KeyStoreChangedException the store changed since it was loaded; nothing was
     * sent
     * @throws UpdateNotAllowedException the state does not allow the change; nothing was
     * sent
     * @throws PreflightRequiredException the change needs a pre-flight clearance; nothing
     * was sent
     * @throws ChangeNotSentException the console's database could not take the change
     * lock or record the audit intent; nothing was sent
     * @throws KeyStoreUpdateFailedException KMS refused or did not confirm the change
     * @throws KeyStoreNotFoundException the store is gone
     * @throws KmsCallException the check before sending failed (KMS unreachable,
     * throttling); nothing was sent
     */
    UpdateOutcome apply(UpdateCommand command);

    /**
     * The update step of a guided change: sends UpdateCustomKeyStore, audited like every
     * update, for a store the run has disconnected and checked. The run holds the store's
     * change lock; no lost-update or state check here (the run does them right before, on
     * {@code before}, a fresh describe).
     * @return the KMS request ID
     * @throws KmsCallException KMS refused or did not answer
     */
    @Nullable String updateForGuidedChange(KeyStoreRef ref, CustomKeyStore before, String runId, String actor,
            KeyStoreChange change, @Nullable String reason);

    /**
     * Records an update the console refused before it could be sent (the form's
     * validation, the state rules, no change at all), so the audit log holds every
     * attempt, not only those that reached KMS.
     * @param why the operator-facing reasons (never a typed value)
     */
    void recordRefusedUpdate(KeyStoreRef ref, CustomKeyStore store, @Nullable KeyStoreChange change, List<String> why);

    /**
     * Records that an XKS proxy configuration was read for this store's form (its name,
     * size and SHA-256, never its content), with the reasons when it was refused.
     */
    void recordImport(KeyStoreRef ref, CustomKeyStore store, ProxyConfigurationSource configuration,
            List<String> problems);

    /**
     * Reports the pre-flight result a change is sent on, and the override with its reason
     * if there was one.
     */
    void recordPreflight(KeyStoreRef ref, String actor, @Nullable String runId, PreflightClearance clearance);

    /**
     * Reports a pre-flight result, whatever comes of it (for a secret given again to a
     * guided change).
     */
    void recordPreflight(KeyStoreRef ref, String actor, @Nullable String runId, PreflightResult result);

}
