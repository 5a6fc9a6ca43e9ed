package com.cksconsole.keystore;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreRef;

/**
 * ConnectCustomKeyStore and DisconnectCustomKeyStore, each reported (intent before the
 * KMS call) and refused while a guided change holds the store. The public facade of the
 * keystore module for the connection buttons and the guided change's connect and
 * disconnect steps.
 */
public interface KeyStoreConnections {

    /**
     * Sends ConnectCustomKeyStore. KMS answers as soon as the connection has started: the
     * store is then CONNECTING, and later CONNECTED or FAILED.
     * @param runId the guided change making this call (which holds the store), or null
     * for an operator's call
     * @return the KMS request ID
     * @throws KeyStoreBusyException a guided change holds the store (and it is not
     * {@code runId})
     * @throws KeyStoreNotFoundException the store is gone
     * @throws ConnectionChangeFailedException KMS refused or did not answer
     */
    @Nullable String connect(KeyStoreRef ref, String actor, @Nullable String runId);

    /**
     * Sends DisconnectCustomKeyStore: the store is DISCONNECTING, then DISCONNECTED, and
     * while it is not connected every KMS key in it is unusable.
     *
     * @see #connect
     */
    @Nullable String disconnect(KeyStoreRef ref, String actor, @Nullable String runId);

}
