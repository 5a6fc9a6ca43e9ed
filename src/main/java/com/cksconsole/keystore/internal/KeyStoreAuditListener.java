package com.cksconsole.keystore.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.cksconsole.keystore.KeyStoreActivityAction;
import com.cksconsole.keystore.KeyStoreActivityRecord;
import com.cksconsole.keystore.KeyStoreEvents;

/**
 * Writes the keystore module's one-way events into the audit log (and each activity
 * record into the application log). Listeners run synchronously on the publisher's
 * thread, so a failure to write reaches the publisher as it did when it called the audit
 * log directly: a refused update, an import, a guided step or request that cannot be
 * audited fails the caller ({@link com.cksconsole.audit.AuditUnavailableException}); a
 * fresh Describe's reconciliation never throws.
 *
 * <p>
 * Lives in {@code keystore.internal}, not in {@code audit}: the keystore module depends
 * on audit's public API ({@code AuditTrail}), so audit cannot depend on keystore's events
 * without a cycle. This class and {@link KeyStoreAuditing} are the keystore module's
 * audit adapter.
 */
@Component
class KeyStoreAuditListener {

    private static final Logger log = LoggerFactory.getLogger(KeyStoreAuditListener.class);

    private final KeyStoreAuditing audit;

    KeyStoreAuditListener(KeyStoreAuditing audit) {
        this.audit = audit;
    }

    /**
     * A step, request, pre-flight result or override with its outcome. Connect and
     * disconnect records are only logged: {@link KeyStoreAudit#auditedConnection} writes
     * their intent before KMS is called and their outcome after. Intents (no outcome) are
     * only logged.
     */
    @EventListener
    void on(KeyStoreActivityRecord record) {
        // Never a secret: a KeyStoreChange redacts them in toString().
        log.info("Key store activity {} {} of {} by {}{}: {}{}{}", record.action(),
                record.outcome() == null ? "INTENT" : record.outcome(), record.store(), record.actor(),
                record.runId() == null ? "" : " (guided change " + record.runId() + ")", record.details(),
                record.change() == null ? "" : " " + record.change(),
                record.errorCode() == null ? "" : " error " + record.errorCode());
        if (record.outcome() != null && !isConnectionCall(record.action())) {
            audit.activity(record);
        }
    }

    @EventListener
    void on(KeyStoreEvents.StoresDescribed described) {
        audit.described(described.target(), described.stores());
    }

    @EventListener
    void on(KeyStoreEvents.ProxyConfigurationRead read) {
        audit.imported(read.store(), read.described(), read.configuration(), read.problems());
    }

    @EventListener
    void on(KeyStoreEvents.UpdateRefused refused) {
        audit.refusedUpdate(refused.store(), refused.described(), refused.change(), refused.reason(), refused.why());
    }

    private static boolean isConnectionCall(KeyStoreActivityAction action) {
        return action == KeyStoreActivityAction.CONNECT || action == KeyStoreActivityAction.DISCONNECT;
    }

}
