package com.cksconsole.keystore.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.proxyconfig.ProxyConfigurationSource;

/**
 * A {@link KeyStoreAudit} for unit tests: remembers what it was told, and can play an
 * unwritable audit log.
 */
final class RecordingKeyStoreAudit implements KeyStoreAudit {

    final List<String> events = new ArrayList<>();

    boolean unavailable;

    @Override
    public Accepted auditedUpdate(KeyStoreRef ref, CustomKeyStore before, KeyStoreChange change,
            @Nullable String reason, @Nullable ProxyConfigurationSource importedFrom,
            Supplier<@Nullable String> update) {
        if (unavailable) {
            throw new AuditUnavailableException("test: audit log unavailable", new IllegalStateException());
        }
        events.add("intent " + change.properties());
        try {
            String requestId = update.get();
            events.add("succeeded " + requestId);
            return new Accepted(requestId, true);
        }
        catch (KmsCallException e) {
            events.add("failed " + e.failure().errorCode());
            throw e;
        }
    }

    @Override
    public void refusedUpdate(KeyStoreRef ref, CustomKeyStore store, @Nullable KeyStoreChange change,
            @Nullable String reason, List<String> why) {
        events.add("rejected " + why);
    }

    @Override
    public void imported(KeyStoreRef ref, CustomKeyStore store, ProxyConfigurationSource configuration,
            List<String> problems) {
        events.add("imported " + configuration.name() + " " + problems);
    }

    @Override
    public void described(KmsTarget target, List<CustomKeyStore> stores) {
        events.add("described " + stores.size());
    }

}
