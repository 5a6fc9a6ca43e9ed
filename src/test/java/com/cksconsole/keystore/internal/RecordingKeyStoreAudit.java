package com.cksconsole.keystore.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreActivityRecord;
import com.cksconsole.keystore.KeyStoreEvents;
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
    public @Nullable String auditedConnection(KeyStoreActivityRecord intent, Supplier<@Nullable String> call) {
        if (unavailable) {
            throw new AuditUnavailableException("test: audit log unavailable", new IllegalStateException());
        }
        events.add("intent " + intent.action());
        try {
            String requestId = call.get();
            events.add("succeeded " + requestId);
            return requestId;
        }
        catch (KmsCallException e) {
            events.add("failed " + e.failure().errorCode());
            throw e;
        }
    }

    @Override
    public Accepted auditedDeletion(KeyStoreRef ref, CustomKeyStore before, Supplier<@Nullable String> delete) {
        if (unavailable) {
            throw new AuditUnavailableException("test: audit log unavailable", new IllegalStateException());
        }
        events.add("intent delete " + before.name());
        try {
            String requestId = delete.get();
            events.add("succeeded " + requestId);
            return new Accepted(requestId, true);
        }
        catch (KmsCallException e) {
            events.add("failed " + e.failure().errorCode());
            throw e;
        }
    }

    @Override
    public void refusedDeletion(KeyStoreRef ref, CustomKeyStore store, List<String> why) {
        events.add("rejected delete " + why);
    }

    /**
     * A publisher that remembers the one-way events the audit log listens to, as the
     * listener would write them.
     */
    ApplicationEventPublisher publisher() {
        return event -> {
            if (event instanceof KeyStoreEvents.UpdateRefused refused) {
                events.add("rejected " + refused.why());
            }
            else if (event instanceof KeyStoreEvents.ProxyConfigurationRead read) {
                events.add("imported " + read.configuration().name() + " " + read.problems());
            }
            else if (event instanceof KeyStoreEvents.StoresDescribed described) {
                events.add("described " + described.stores().size());
            }
        };
    }

    @Override
    public Created auditedCreate(com.cksconsole.keystore.NewXksStore store,
            com.cksconsole.keystore.PreflightClearance clearance,
            com.cksconsole.proxyconfig.@Nullable ProxyConfigurationSource importedFrom,
            Supplier<KmsGateway.Created> create) {
        return new Created(create.get(), true);
    }

    @Override
    public Created auditedCreate(com.cksconsole.keystore.NewCloudHsmStore store, Supplier<KmsGateway.Created> create) {
        return new Created(create.get(), true);
    }

    @Override
    public void refusedCreate(com.cksconsole.kms.KmsTarget target, String name, java.util.List<String> why) {
    }

    @Override
    public void importedForCreate(com.cksconsole.kms.KmsTarget target, String name,
            com.cksconsole.proxyconfig.ProxyConfigurationSource configuration, java.util.List<String> problems) {
    }

}
