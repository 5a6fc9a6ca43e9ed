package com.cksconsole.keystore.guided;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.keystore.ConnectionChangeFailedException;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreBusyException;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KeyStoreChanges;
import com.cksconsole.keystore.KeyStoreConnections;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.kms.KeyStoreRef;

/**
 * {@link KeyStoreCalls} over the keystore API: its exceptions become the values the steps
 * decide on.
 */
@Component
class KeyStoreServiceCalls implements KeyStoreCalls {

    private final KeyStoreReads reads;

    private final KeyStoreChanges changes;

    private final KeyStoreConnections connections;

    KeyStoreServiceCalls(KeyStoreReads reads, KeyStoreChanges changes, KeyStoreConnections connections) {
        this.reads = reads;
        this.changes = changes;
        this.connections = connections;
    }

    @Override
    public Described describe(KeyStoreRef store) {
        try {
            return new Seen(reads.describeNow(store));
        }
        catch (KeyStoreNotFoundException gone) {
            return new NotFound();
        }
        catch (KmsCallException e) {
            return new Unanswered(e.failure());
        }
    }

    @Override
    public CallResult disconnect(KeyStoreRef store, String actor, String runId) {
        return connectionChange(() -> connections.disconnect(store, actor, runId));
    }

    @Override
    public CallResult connect(KeyStoreRef store, String actor, String runId) {
        return connectionChange(() -> connections.connect(store, actor, runId));
    }

    /**
     * ConnectCustomKeyStore and DisconnectCustomKeyStore fail alike: their failures as
     * values.
     */
    private static CallResult connectionChange(ConnectionCall call) {
        try {
            return new Accepted(call.send());
        }
        catch (ConnectionChangeFailedException e) {
            return new Refused(e.failure(), e.current(), e.explanation());
        }
        catch (KeyStoreNotFoundException e) {
            return new Gone();
        }
        catch (KeyStoreBusyException e) {
            return new Busy();
        }
    }

    /** One connect or disconnect call; its result is KMS's request ID, if any. */
    @FunctionalInterface
    private interface ConnectionCall {

        @Nullable String send();

    }

    @Override
    public CallResult update(KeyStoreRef ref, CustomKeyStore before, String runId, String actor, KeyStoreChange change,
            @Nullable String reason) {
        try {
            return new Accepted(changes.updateForGuidedChange(ref, before, runId, actor, change, reason));
        }
        catch (AuditUnavailableException e) {
            return new AuditUnavailable();
        }
        catch (KmsCallException e) {
            return new Refused(e.failure(), null, "");
        }
    }

    @Override
    public void forgetSnapshot(KeyStoreRef store) {
        reads.forgetSnapshot(store.target());
    }

}
