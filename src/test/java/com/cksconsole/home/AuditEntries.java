package com.cksconsole.home;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.cksconsole.audit.AuditAction;
import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditEvent;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditParameter;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.EventKind;
import com.cksconsole.keystore.KeyStoreAuditAction;

/**
 * Audit entries as the audit log reads them back, for overview tests that mock the audit
 * log.
 */
final class AuditEntries {

    private AuditEntries() {
    }

    static AuditEntry entry(AuditAction action, String storeId, @Nullable String storeName, String actor, Instant at,
            @Nullable AuditOutcome outcome, AuditParameter... parameters) {
        boolean oneShot = action == KeyStoreAuditAction.CHANGED_OUTSIDE_CONSOLE || outcome == AuditOutcome.REJECTED;
        var event = new AuditEvent(1, UUID.randomUUID().toString(), oneShot ? EventKind.EVENT : EventKind.INTENT, 1,
                null, at, actor, List.of("OPERATOR"), "127.0.0.1", null, action.name(),
                AuditTarget.keyStore("us-east-1", "111122223333", storeId, storeName), List.of(parameters), null,
                oneShot ? outcome : null, null, null, null, null, "0".repeat(64), "1".repeat(64));
        if (oneShot || outcome == null) {
            return new AuditEntry(event, null);
        }
        var result = new AuditEvent(2, UUID.randomUUID().toString(), EventKind.OUTCOME, 1, event.eventId(), at, actor,
                List.of("OPERATOR"), "127.0.0.1", null, action.name(), event.target(), List.of(), null, outcome, null,
                null, "kms-req-1", 12L, "1".repeat(64), "2".repeat(64));
        return new AuditEntry(event, result);
    }

}
