package com.cksconsole.keystore;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import com.cksconsole.kms.KeyStoreRef;

/**
 * The console's records of the proxy credential changes of the external key stores
 * (docs/health.md, "Credential age"): written when a CreateCustomKeyStore or
 * UpdateCustomKeyStore of the console that set the credential succeeds, and when the
 * shared Describe snapshot shows a store for the first time or with another access key
 * ID. Reads always ask the database, so every console instance answers the same.
 */
public interface ProxyCredentialAges {

    /**
     * The last recorded change of a store's credential; empty until a Describe showed it.
     */
    Optional<ProxyCredentialChange> last(KeyStoreRef store);

    /** The store's credential age against its target's rotation policy. */
    ProxyCredentialAge age(KeyStoreRef store);

    /** The credential ages of several stores, with one query. */
    Map<KeyStoreRef, ProxyCredentialAge> ages(Collection<KeyStoreRef> stores);

}
