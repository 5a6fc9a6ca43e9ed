package com.cksconsole.home;

import com.cksconsole.keystore.StoreKeys;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.beans.factory.ObjectProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditFilter;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditParameter;
import com.cksconsole.home.Overview.Attention;
import com.cksconsole.home.Overview.Count;
import com.cksconsole.home.Overview.Reason;
import com.cksconsole.home.Overview.StoreLine;
import com.cksconsole.keystore.ConnectionErrorExplanation;
import com.cksconsole.keystore.ConnectionTransitions;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.TargetRead;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.targets.Target;
import com.cksconsole.home.Overview.TargetCount;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.ObservedStoreState;
import com.cksconsole.keystore.ObservedStoreStates;
import com.cksconsole.keystore.SnapshotRead;
import com.cksconsole.keystore.guided.GuidedChangeService;
import com.cksconsole.keystore.guided.GuidedRun;
import com.cksconsole.keystore.guided.RunStatus;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.keystore.KeyStoreAuditAction;

/**
 * Builds the overview: counts by connection state and type, what needs attention, and
 * each store's last change. Reads only the shared Describe snapshot (never a Describe of
 * its own), the audit log, the guided changes and what the console last saw of each
 * store; each source that fails leaves its part empty and marked, and the others still
 * show.
 */
@Service
public class DashboardService {

    private static final Logger log = LoggerFactory.getLogger(DashboardService.class);

    /** How many of a store's newest audit entries are searched for its last change. */
    static final int LAST_CHANGE_WINDOW = 20;

    /**
     * At most this many outside changes and unknown outcomes each are listed (the audit
     * log has them all).
     */
    static final int MAX_LISTED = 20;

    /** The entries that change a key store (refusals and denials changed nothing). */
    private static final Set<String> CHANGES = Set.of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE.name(),
            KeyStoreAuditAction.CONNECT_CUSTOM_KEY_STORE.name(), KeyStoreAuditAction.DISCONNECT_CUSTOM_KEY_STORE.name(),
            KeyStoreAuditAction.CHANGED_OUTSIDE_CONSOLE.name());

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'")
        .withZone(ZoneOffset.UTC);

    private final KeyStoreReads keyStores;

    private final AuditLog auditLog;

    private final GuidedChangeService guidedChanges;

    private final ConnectionTransitions transitions;

    private final ObservedStoreStates observed;

    private final OverviewProperties properties;

    private final Clock clock;

    private final KmsTargets kmsTargets;

    private final SingletonSupplier<StoreKeys> storeKeys;

    DashboardService(KeyStoreReads keyStores, AuditLog auditLog, GuidedChangeService guidedChanges,
            ConnectionTransitions transitions, ObservedStoreStates observed, OverviewProperties properties, Clock clock,
            KmsTargets kmsTargets, ObjectProvider<StoreKeys> storeKeys) {
        this.storeKeys = SingletonSupplier.of(storeKeys::getIfAvailable);
        this.kmsTargets = kmsTargets;
        this.keyStores = keyStores;
        this.auditLog = auditLog;
        this.guidedChanges = guidedChanges;
        this.transitions = transitions;
        this.observed = observed;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The overview for a user who sees the key stores ({@code seesKeyStores}), or only
     * the audit log (an AUDITOR: no KMS call for them, and their links lead to the audit
     * log).
     */
    public Overview overview(boolean seesKeyStores) {
        return overview(seesKeyStores, null);
    }

    /**
     * The overview of the targets the header's chooser picked ({@code choice}: a target's
     * name, {@code all} or null for every usable target), each described from its own
     * snapshot, in parallel.
     */
    public Overview overview(boolean seesKeyStores, @Nullable String choice) {
        List<Target> chosen = seesKeyStores ? kmsTargets.chosen(choice) : List.of();
        List<TargetRead> reads = read(chosen);
        Set<KmsTarget> scope = chosen.stream().map(Target::kmsTarget).collect(Collectors.toSet());
        SnapshotRead snapshot = null;
        KmsFailure firstFailure = null;
        var perTarget = new ArrayList<TargetCount>();
        var described = new ArrayList<KeyStoreRef>();
        var stores = new ArrayList<CustomKeyStore>();
        for (int i = 0; i < reads.size(); i++) {
            TargetRead read = reads.get(i);
            SnapshotRead targetRead = read.read();
            if (targetRead == null) {
                firstFailure = firstFailure == null ? read.failure() : firstFailure;
                perTarget.add(new TargetCount(chosen.get(i), null, read.failure()));
                continue;
            }
            if (snapshot == null || targetRead.stale()) {
                // The page's notice shows the oldest marked snapshot.
                snapshot = targetRead;
            }
            perTarget.add(new TargetCount(chosen.get(i), targetRead.snapshot().stores().size(), null));
            for (CustomKeyStore store : targetRead.snapshot().stores()) {
                described.add(targetRead.snapshot().ref(store));
                stores.add(store);
            }
        }
        KmsFailure kmsFailure = snapshot == null ? firstFailure : null;
        Map<String, String> names = stores.stream()
            .collect(Collectors.toMap(CustomKeyStore::id, CustomKeyStore::name, (a, b) -> a));
        var attention = new ArrayList<Attention>();
        for (int i = 0; i < stores.size(); i++) {
            stateAttention(described.get(i), stores.get(i), attention);
        }
        boolean runsUnreadable = false;
        if (seesKeyStores) {
            try {
                guidedChanges.activeRuns()
                    .stream()
                    .filter(run -> scope.contains(run.store().target()))
                    .forEach(run -> attention.add(runAttention(run)));
            }
            catch (RuntimeException e) {
                log.warn("The overview could not read the guided changes: {}", e.getClass().getSimpleName());
                runsUnreadable = true;
            }
        }
        boolean auditUnreadable = false;
        var lines = new ArrayList<StoreLine>();
        var keyCounts = new HashMap<KmsTarget, Map<String, StoreKeys.KeyCount>>();
        try {
            // Only what concerns the chosen targets: the page must not say "needs
            // attention"
            // about a store of a target it does not show. (An AUDITOR sees no targets:
            // theirs
            // is the whole audit log.)
            pendingOutcomes().stream()
                .filter(entry -> !seesKeyStores || inScope(entry, scope))
                .forEach(entry -> attention.add(pendingAttention(entry, names, seesKeyStores)));
            outsideChanges().stream()
                .filter(entry -> !seesKeyStores || inScope(entry, scope))
                .forEach(entry -> attention.add(outsideAttention(entry, names, seesKeyStores)));
            for (int i = 0; i < stores.size(); i++) {
                var store = stores.get(i);
                lines.add(new StoreLine(store, lastChange(described.get(i)), kmsTargets.storePath(described.get(i)),
                        keyCount(keyCounts, described.get(i))));
            }
        }
        catch (RuntimeException e) {
            log.warn("The overview could not read the audit log: {}", e.getClass().getSimpleName());
            auditUnreadable = true;
            lines.clear();
            attention
                .removeIf(item -> item.reason() == Reason.PENDING_OUTCOME || item.reason() == Reason.OUTSIDE_CHANGE);
            for (int i = 0; i < stores.size(); i++) {
                lines.add(new StoreLine(stores.get(i), null, kmsTargets.storePath(described.get(i)),
                        keyCount(keyCounts, described.get(i))));
            }
        }
        attention.sort(Comparator.comparing(Attention::reason));
        return new Overview(seesKeyStores, snapshot,
                snapshot != null && snapshot.stale() ? Durations.text(snapshot.age()) : null, kmsFailure,
                snapshot == null ? List.of() : byState(stores), snapshot == null ? List.of() : byType(stores),
                attention, lines, auditUnreadable, runsUnreadable, perTarget);
    }

    /**
     * One target from its snapshot; several in parallel (each with its own failure).
     */
    private List<TargetRead> read(List<Target> chosen) {
        if (chosen.size() != 1) {
            return chosen.isEmpty() ? List.of() : keyStores.list(chosen.stream().map(Target::kmsTarget).toList());
        }
        KmsTarget only = chosen.get(0).kmsTarget();
        try {
            return List.of(TargetRead.of(only, keyStores.list(only)));
        }
        catch (KmsCallException e) {
            return List.of(TargetRead.failed(only, e.failure()));
        }
    }

    private static List<Count> byState(List<CustomKeyStore> stores) {
        var counts = count(stores, store -> store.connectionState().name());
        var result = new ArrayList<Count>();
        for (var state : List.of(ConnectionState.CONNECTED, ConnectionState.CONNECTING, ConnectionState.DISCONNECTING,
                ConnectionState.DISCONNECTED, ConnectionState.FAILED)) {
            result.add(new Count(state.name(), counts.getOrDefault(state.name(), 0L), listUrl("state", state.name()),
                    state));
        }
        long unknown = counts.getOrDefault(ConnectionState.UNKNOWN.name(), 0L);
        if (unknown > 0) {
            // The list cannot filter on a state KMS does not document: the whole list.
            result.add(new Count("Unknown state", unknown, "/key-stores", ConnectionState.UNKNOWN));
        }
        return result;
    }

    private static List<Count> byType(List<CustomKeyStore> stores) {
        var counts = count(stores, store -> store.type() == null ? "" : store.type().name());
        var result = new ArrayList<Count>();
        for (var type : KeyStoreType.values()) {
            result
                .add(new Count(type.label(), counts.getOrDefault(type.name(), 0L), listUrl("type", type.name()), null));
        }
        long unknown = counts.getOrDefault("", 0L);
        if (unknown > 0) {
            result.add(new Count("Unknown type", unknown, "/key-stores", null));
        }
        return result;
    }

    private static Map<String, Long> count(List<CustomKeyStore> stores, Function<CustomKeyStore, String> key) {
        return stores.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    /** FAILED, a transition taking longer than expected, DISCONNECTED. */
    private void stateAttention(KeyStoreRef ref, CustomKeyStore store, List<Attention> attention) {
        String page = kmsTargets.storePath(ref);
        switch (store.connectionState()) {
            case FAILED -> {
                var code = store.connectionErrorCode();
                var explanation = code == null ? null : ConnectionErrorExplanation.of(code, store.type());
                attention.add(new Attention(Reason.FAILED, store.id(),
                        store.name() + " is FAILED" + (code == null ? "" : " (" + code + ")"),
                        explanation == null ? "KMS could not connect it. Every KMS key in it is unusable."
                                : explanation.meaning() + " Fix: " + explanation.fix(),
                        page, "See the cause and the fix", page + "/disconnect", "Disconnect it (the first step)",
                        null));
            }
            case CONNECTING, DISCONNECTING -> slowTransition(ref, store).ifPresent(attention::add);
            case DISCONNECTED ->
                attention.add(new Attention(Reason.DISCONNECTED, store.id(), store.name() + " is DISCONNECTED",
                        "Every KMS key in it is unusable until it is connected again." + since(ref, store), page,
                        "Open the key store", page + "/connect", "Connect it", null));
            default -> {
                // CONNECTED needs nobody; UNKNOWN is shown as a count and on the store's
                // page.
            }
        }
    }

    private Optional<Attention> slowTransition(KeyStoreRef ref, CustomKeyStore store) {
        boolean connecting = store.connectionState() == ConnectionState.CONNECTING;
        Duration expected = !connecting ? properties.disconnecting() : store.type() == KeyStoreType.EXTERNAL_KEY_STORE
                ? properties.connectingExternal() : properties.connectingCloudhsm();
        // Exact when this instance started the transition; otherwise at least since the
        // console first saw it.
        var exact = transitions.elapsed(ref, store);
        Duration elapsed = exact.orElseGet(
                () -> observedState(ref, store).map(state -> Duration.between(state.stateSince(), clock.instant()))
                    .orElse(Duration.ZERO));
        if (elapsed.compareTo(expected) <= 0) {
            return Optional.empty();
        }
        String page = kmsTargets.storePath(ref);
        String kind = store.type() == KeyStoreType.EXTERNAL_KEY_STORE ? "an external key store"
                : "a CloudHSM key store";
        return Optional.of(new Attention(Reason.SLOW_TRANSITION, store.id(),
                store.name() + " has been " + store.connectionState().name() + " for "
                        + (exact.isPresent() ? "" : "at least ") + Durations.text(elapsed),
                (connecting ? "Connecting " : "Disconnecting ") + kind + " is expected to take at most "
                        + Durations.text(expected) + ". KMS ends it by itself"
                        + (connecting ? " (CONNECTED or FAILED); if it does not, disconnect it and look at the cause."
                                : " (DISCONNECTED); if it does not, look at the key store and contact AWS Support.")
                        + " Every KMS key in it is unusable meanwhile.",
                page, "Open the key store", connecting ? page + "/disconnect" : null,
                connecting ? "Disconnect it" : null, null));
    }

    private Attention runAttention(GuidedRun run) {
        String page = kmsTargets.storePath(run.store()) + "/runs/" + run.id();
        if (run.status() == RunStatus.NEEDS_SECRET) {
            return new Attention(Reason.GUIDED_RUN, run.storeId(),
                    "A guided change of " + run.storeName() + " waits for its secret",
                    "The console restarted during the change and no longer holds the secret it needs. Started by "
                            + run.startedBy() + " on " + TIME.format(run.createdAt()) + ".",
                    page, "Give the secret again, or cancel", null, null, null);
        }
        String step = run.currentStep().map(s -> " Now: " + s.name().label() + ".").orElse("");
        return new Attention(Reason.GUIDED_RUN, run.storeId(),
                "A guided change of " + run.storeName() + " is under way",
                "Started by " + run.startedBy() + " on " + TIME.format(run.createdAt()) + " (" + run.mode().label()
                        + ")." + step + " No other change of the key store can start meanwhile.",
                page, "Follow the guided change", null, null, null);
    }

    /** Intents whose outcome is unknown and old enough not to be still running. */
    private List<AuditEntry> pendingOutcomes() {
        var filter = new AuditFilter(null, clock.instant().minus(properties.pendingOutcomeAfter()), null, null, null,
                AuditOutcome.PENDING);
        return auditLog.page(filter, null, MAX_LISTED).entries();
    }

    private Attention pendingAttention(AuditEntry entry, Map<String, String> names, boolean seesKeyStores) {
        var event = entry.event();
        String storeId = event.target().storeId();
        String audit = "/audit/" + event.eventId();
        String name = storeName(storeId, event.target().storeName(), names);
        String storePage = seesKeyStores && storeId != null
                ? kmsTargets.storePath(event.target().accountId(), event.target().region(), storeId) : null;
        boolean linkStore = storePage != null;
        return new Attention(Reason.PENDING_OUTCOME, storeId,
                "Outcome unknown: " + event.actionLabel() + (name == null ? "" : " of " + name),
                "Recorded on " + TIME.format(event.occurredAt()) + " by " + event.actor() + ", but whether it worked "
                        + "could not be recorded. The next Describe settles it when KMS shows the result; otherwise "
                        + "check the key store's current values.",
                storePage != null ? storePage : audit, linkStore ? "Check the key store" : "Open the audit entry", null,
                null, linkStore ? audit : null);
    }

    /**
     * Whether an audit entry names the account and Region of one of the chosen targets.
     */
    private static boolean inScope(AuditEntry entry, Set<KmsTarget> scope) {
        var target = entry.event().target();
        return target.accountId() != null && target.region() != null
                && scope.contains(new KmsTarget(target.accountId(), target.region()));
    }

    private List<AuditEntry> outsideChanges() {
        var filter = new AuditFilter(clock.instant().minus(properties.outsideChangesFor()), null, null,
                KeyStoreAuditAction.CHANGED_OUTSIDE_CONSOLE, null, null);
        return auditLog.page(filter, null, MAX_LISTED).entries();
    }

    private Attention outsideAttention(AuditEntry entry, Map<String, String> names, boolean seesKeyStores) {
        var event = entry.event();
        String storeId = event.target().storeId();
        String audit = "/audit/" + event.eventId();
        String name = storeName(storeId, event.target().storeName(), names);
        String changes = entry.changes().stream().map(DashboardService::describe).collect(Collectors.joining("; "));
        String storePage = seesKeyStores && storeId != null
                ? kmsTargets.storePath(event.target().accountId(), event.target().region(), storeId) : null;
        boolean linkStore = storePage != null;
        return new Attention(Reason.OUTSIDE_CHANGE, storeId,
                (name == null ? "A key store" : name) + " was changed outside the console",
                "Seen on " + TIME.format(event.occurredAt()) + ": " + changes + ". Check that the change was "
                        + "intended; AWS CloudTrail names who made it.",
                storePage != null ? storePage + "#store-history-title" : audit,
                linkStore ? "See its change history" : "Open the audit entry", null, null, linkStore ? audit : null);
    }

    /**
     * The store's newest entry that changed it, among its recent entries (in its own
     * account and Region: not those of a store with the same ID in another target).
     */
    private @Nullable AuditEntry lastChange(KeyStoreRef ref) {
        return auditLog.changeHistory(ref, LAST_CHANGE_WINDOW)
            .stream()
            .filter(entry -> CHANGES.contains(entry.event().action()))
            .filter(entry -> entry.outcome() != AuditOutcome.REJECTED && entry.outcome() != AuditOutcome.DENIED)
            .findFirst()
            .orElse(null);
    }

    private String since(KeyStoreRef ref, CustomKeyStore store) {
        return observedState(ref, store)
            .map(state -> " Seen " + store.connectionState().name() + " since " + TIME.format(state.stateSince()) + ".")
            .orElse("");
    }

    /**
     * What the console last saw of the store, when it shows the store's current state.
     */
    private Optional<ObservedStoreState> observedState(KeyStoreRef ref, CustomKeyStore store) {
        try {
            return observed.find(ref).filter(state -> state.connectionState() == store.connectionState());
        }
        catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static @Nullable String storeName(@Nullable String storeId, @Nullable String recorded,
            Map<String, String> current) {
        if (storeId != null && current.containsKey(storeId)) {
            return current.get(storeId);
        }
        return recorded != null ? recorded : storeId;
    }

    private static String describe(AuditParameter change) {
        return change.name() + " " + value(change.before()) + " → " + value(change.after());
    }

    private static String value(@Nullable String value) {
        if (value == null) {
            return "(not set)";
        }
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }

    private static String listUrl(String name, String value) {
        return UriComponentsBuilder.fromPath("/key-stores").queryParam(name, value).build().encode().toUriString();
    }

    /**
     * The store's key count as last read, never waiting for KMS (the overview must stay
     * fast); null while it is not known.
     */
    private StoreKeys.@Nullable KeyCount keyCount(Map<KmsTarget, Map<String, StoreKeys.KeyCount>> counts,
            KeyStoreRef ref) {
        StoreKeys keys = storeKeys.get();
        if (keys == null) {
            return null;
        }
        return counts.computeIfAbsent(ref.target(), keys::knownCounts).get(ref.keyStoreId());
    }

}
