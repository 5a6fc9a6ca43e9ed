package com.cksconsole.keystore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditFilter;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditParameter;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.EventKind;
import com.cksconsole.audit.OutsideChangeAudit;
import com.cksconsole.keystore.internal.KeyStoreAuditing;
import com.cksconsole.keystore.internal.KeyStoreSnapshotCache;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.kms.XksConnectivity;

/**
 * Notices key stores changed outside the console. Every complete Describe (the shared
 * snapshot's, so no extra KMS call) is compared with what the console last saw of each
 * store ({@link ObservedStoreStates}); a setting that differs and that no
 * UpdateCustomKeyStore of the console explains is recorded once as "changed outside the
 * console", with its old and new value, and the new state becomes the one the console
 * knows.
 *
 * <ul>
 * <li>The console's own changes are recognised by their audit intent, written before the
 * update is sent: a difference is the console's when one of its updates of the store,
 * recorded since the old settings were first seen, set that property to the new
 * value.</li>
 * <li>Only settings count (name, cluster, trust anchor, proxy configuration): the
 * connection state moves by itself, and is only remembered with the time it was first
 * seen, for the overview.</li>
 * <li>A store seen for the first time is remembered without an event (the console creates
 * no stores).</li>
 * <li>A Describe that started before the one that last wrote a store's record is ignored,
 * so an answer that overlapped a newer one is never taken for a change back.</li>
 * </ul>
 * Never throws into the Describe path: a failure is logged and the difference is looked
 * at again next time.
 */
@Component
class OutsideChangeDetector {

    private static final Logger log = LoggerFactory.getLogger(OutsideChangeDetector.class);

    /**
     * How far before the old settings were first seen a console update still explains a
     * difference: an update's intent is written before it is sent, and KMS may take a
     * moment to show it.
     */
    static final Duration CONSOLE_UPDATE_SLACK = Duration.ofMinutes(5);

    /**
     * KMS clears the VPC endpoint service of a store moved to a public endpoint; the
     * console's intent omits it.
     */
    private static final List<String> CLEARED_WITH_PUBLIC = List.of(KeyStoreAuditing.VPC_SERVICE_NAME,
            KeyStoreAuditing.VPC_SERVICE_OWNER);

    private final ObservedStoreStates states;

    private final OutsideChangeAudit audit;

    private final AuditLog auditLog;

    private final TransactionTemplate transaction;

    /**
     * What this instance last found in the table per store, so that an unchanged store
     * costs no query.
     */
    private final Map<KeyStoreRef, ObservedStoreState> known = new ConcurrentHashMap<>();

    OutsideChangeDetector(ObservedStoreStates states, OutsideChangeAudit audit, AuditLog auditLog,
            PlatformTransactionManager transactions, KeyStoreSnapshotCache snapshots) {
        this.states = states;
        this.audit = audit;
        this.auditLog = auditLog;
        this.transaction = new TransactionTemplate(transactions);
        snapshots.onDescribe(this::described);
    }

    /**
     * One complete Describe of every store, started at {@code startedAt}. Serialised:
     * order matters.
     */
    synchronized void described(KmsTarget target, List<CustomKeyStore> stores, Instant startedAt) {
        for (var store : stores) {
            var ref = new KeyStoreRef(target, store.id());
            var last = known.get(ref);
            if (last != null && last.matches(store)) {
                continue;
            }
            try {
                observe(ref, store, startedAt);
            }
            catch (RuntimeException e) {
                known.remove(ref);
                log.warn("Could not compare key store {} with what the console last saw ({}); trying again with the "
                        + "next Describe", store.id(), e.getClass().getSimpleName());
            }
        }
    }

    private void observe(KeyStoreRef ref, CustomKeyStore store, Instant startedAt) {
        var recorded = states.find(ref);
        if (recorded.isEmpty()) {
            var first = ObservedStoreState.first(ref, store, startedAt);
            if (states.insert(first)) {
                known.put(ref, first);
            }
            return;
        }
        var last = recorded.get();
        if (last.matches(store)) {
            known.put(ref, last);
            return;
        }
        if (startedAt.isBefore(last.observedAt())) {
            return;
        }
        var next = last.seenAgain(store, startedAt);
        var outside = outsideChanges(ref, last, next);
        boolean written = Boolean.TRUE.equals(transaction.execute(status -> {
            if (!states.replace(last, next)) {
                return false;
            }
            if (!outside.isEmpty()) {
                audit.record(KeyStoreAuditAction.CHANGED_OUTSIDE_CONSOLE,
                        AuditTarget.keyStore(ref.target().region(), ref.target().accountId(), store.id(), store.name()),
                        outside);
            }
            return true;
        }));
        if (written) {
            known.put(ref, next);
            if (!outside.isEmpty()) {
                log.info("Key store {} changed outside the console: {}", store.id(), outside);
            }
        }
        else {
            known.remove(ref);
        }
    }

    /**
     * The settings that differ and that no update of the console explains, from old to
     * new.
     */
    private List<AuditParameter> outsideChanges(KeyStoreRef ref, ObservedStoreState last, ObservedStoreState next) {
        var differing = new ArrayList<String>();
        for (var name : next.settings().keySet()) {
            if (!Objects.equals(last.settings().get(name), next.settings().get(name))) {
                differing.add(name);
            }
        }
        if (differing.isEmpty()) {
            return List.of();
        }
        var consoleUpdates = consoleUpdatesSince(ref, last.settingsSince().minus(CONSOLE_UPDATE_SLACK));
        var changes = new ArrayList<AuditParameter>();
        for (var name : differing) {
            @Nullable String after = next.settings().get(name);
            if (!madeByTheConsole(consoleUpdates, name, after)) {
                changes.add(AuditParameter.changed(name, last.settings().get(name), after));
            }
        }
        return changes;
    }

    /**
     * The console's UpdateCustomKeyStore intents of the store since {@code since}
     * (refusals were never sent).
     */
    private List<AuditEntry> consoleUpdatesSince(KeyStoreRef ref, Instant since) {
        var filter = new AuditFilter(since, null, null, KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE, ref.keyStoreId(),
                null);
        return auditLog.page(filter, null, AuditLog.MAX_PAGE_SIZE)
            .entries()
            .stream()
            .filter(entry -> entry.event().kind() == EventKind.INTENT)
            // The same ID in another account or Region is another store.
            .filter(entry -> ref.target().region().equals(entry.event().target().region())
                    && Objects.equals(ref.target().accountId(), entry.event().target().accountId()))
            .toList();
    }

    private static boolean madeByTheConsole(List<AuditEntry> updates, String name, @Nullable String after) {
        return updates.stream()
            .flatMap(entry -> entry.changes().stream())
            .anyMatch(change -> change.name().equals(name) && Objects.equals(change.after(), after) || after == null
                    && CLEARED_WITH_PUBLIC.contains(name) && change.name().equals(KeyStoreAuditing.CONNECTIVITY)
                    && XksConnectivity.PUBLIC_ENDPOINT.name().equals(change.after()));
    }

}
