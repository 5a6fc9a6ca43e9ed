package com.cksconsole.health.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import com.cksconsole.audit.AuditAction;
import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditFilter;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditParameter;
import com.cksconsole.keystore.KeyStoreAuditAction;
import com.cksconsole.kms.KeyStoreRef;

/**
 * How old the proxy credential KMS uses for a store is: the newest successful, audited
 * CreateCustomKeyStore or UpdateCustomKeyStore of the store that set its secret access
 * key. Unknown (the store was created or last changed outside the console, or before the
 * audit log): no answer, so no finding. Read from the audit log's public query API and
 * kept for {@link #CACHE} per store; issue 18 may replace the source.
 */
class CredentialAges {

    /**
     * The audit parameter naming the replaced proxy secret (keystore's audit records).
     */
    static final String PROXY_SECRET = "XksProxyAuthenticationCredential.RawSecretAccessKey";

    static final Duration CACHE = Duration.ofMinutes(10);

    /** How many entries of each action are looked at, newest first. */
    private static final int LOOK_BACK = 200;

    private final AuditLog auditLog;

    private final Clock clock;

    private final Map<KeyStoreRef, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(@Nullable Instant setAt, Instant readAt) {
    }

    CredentialAges(AuditLog auditLog, Clock clock) {
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** The credential's age; empty when unknown. */
    Optional<Duration> age(KeyStoreRef store) {
        Instant now = clock.instant();
        Cached cached = cache.get(store);
        if (cached == null || cached.readAt().plus(CACHE).isBefore(now)) {
            cached = new Cached(newestSet(store), now);
            cache.put(store, cached);
        }
        return Optional.ofNullable(cached.setAt()).map(at -> Duration.between(at, now));
    }

    /** Forgets what was read (a credential was just changed). */
    void forget(KeyStoreRef store) {
        cache.remove(store);
    }

    private @Nullable Instant newestSet(KeyStoreRef store) {
        Instant created = newest(store, KeyStoreAuditAction.CREATE_CUSTOM_KEY_STORE);
        Instant updated = newest(store, KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE);
        if (created == null) {
            return updated;
        }
        return updated == null || created.isAfter(updated) ? created : updated;
    }

    private @Nullable Instant newest(KeyStoreRef store, AuditAction action) {
        var filter = new AuditFilter(null, null, null, action, store.keyStoreId(), AuditOutcome.SUCCEEDED,
                store.target().accountId(), store.target().region());
        for (AuditEntry entry : auditLog.page(filter, null, LOOK_BACK).entries()) {
            boolean setsSecret = entry.event()
                .parameters()
                .stream()
                .anyMatch(parameter -> parameter.kind() == AuditParameter.Kind.SECRET_REPLACED
                        && PROXY_SECRET.equals(parameter.name()));
            if (setsSecret && entry.outcome() == AuditOutcome.SUCCEEDED) {
                return entry.event().occurredAt();
            }
        }
        return null;
    }

}
