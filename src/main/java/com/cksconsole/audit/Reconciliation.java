package com.cksconsole.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Decides the outcome of an intent whose outcome was lost, from what a later describe
 * shows.
 *
 * <ul>
 * <li>An update: conclusive only when every changed plain field that tells old from new
 * shows the new value (the change took effect) or every one shows the old value (it did
 * not). Secrets are never observable and do not count.</li>
 * <li>A connect or disconnect: from the connection state. ConnectCustomKeyStore leads to
 * CONNECTING, then CONNECTED (or FAILED); DisconnectCustomKeyStore to DISCONNECTING, then
 * DISCONNECTED. A store in one of the states the call leads to shows the call took
 * effect; one still in the stable state the call would have left (DISCONNECTED after a
 * connect, CONNECTED after a disconnect) shows it did not. Any other state (FAILED after
 * a connect: KMS also refuses to connect a FAILED store) stays "outcome unknown".</li>
 * </ul>
 */
final class Reconciliation {

    static final String NOTE = "The outcome was not recorded at the time; a later DescribeCustomKeyStores ";
    static final String CONNECTION_STATE = "ConnectionState";

    /*
     * Stored names of the keystore module's ConnectCustomKeyStore and
     * DisconnectCustomKeyStore actions (KeyStoreAuditAction; audit does not depend on
     * keystore). Stored names never change; AuditVocabularyTest checks them against the
     * enum.
     */
    static final String CONNECT = "CONNECT_CUSTOM_KEY_STORE";

    static final String DISCONNECT = "DISCONNECT_CUSTOM_KEY_STORE";

    private Reconciliation() {
    }

    record Verdict(AuditResult result, List<AuditParameter> observed) {
    }

    /**
     * What a connection change leads to, and the state it leaves when it does not take
     * effect.
     */
    private record ConnectionChange(Set<String> tookEffect, String notApplied) {

        static @Nullable ConnectionChange of(String action) {
            if (action.equals(CONNECT)) {
                return new ConnectionChange(Set.of("CONNECTING", "CONNECTED"), "DISCONNECTED");
            }
            if (action.equals(DISCONNECT)) {
                return new ConnectionChange(Set.of("DISCONNECTING", "DISCONNECTED"), "CONNECTED");
            }
            return null;
        }
    }

    static Optional<Verdict> judge(String action, List<AuditParameter> intentParameters, ObservedState observed) {
        var connection = ConnectionChange.of(action);
        return connection == null ? judgeUpdate(intentParameters, observed) : judgeConnection(connection, observed);
    }

    private static Optional<Verdict> judgeConnection(ConnectionChange change, ObservedState observed) {
        if (!observed.observes(CONNECTION_STATE) || observed.value(CONNECTION_STATE) == null) {
            return Optional.empty();
        }
        String state = observed.value(CONNECTION_STATE);
        var seen = List.of(AuditParameter.observed(CONNECTION_STATE, state));
        if (change.tookEffect().contains(state)) {
            return Optional.of(new Verdict(
                    new AuditResult(AuditOutcome.SUCCEEDED, "Reconciled",
                            NOTE + "showed the connection state " + state + ", which this call leads to.", null, null),
                    seen));
        }
        if (change.notApplied().equals(state)) {
            return Optional.of(new Verdict(new AuditResult(AuditOutcome.FAILED, "NotApplied",
                    NOTE + "showed the connection state " + state + ": the call did not take effect.", null, null),
                    seen));
        }
        return Optional.empty();
    }

    private static Optional<Verdict> judgeUpdate(List<AuditParameter> intentParameters, ObservedState observed) {
        int showsNew = 0;
        int showsOld = 0;
        var seen = new ArrayList<AuditParameter>();
        for (var p : intentParameters) {
            if (p.kind() != AuditParameter.Kind.CHANGE || Objects.equals(p.before(), p.after())) {
                continue;
            }
            if (!observed.observes(p.name())) {
                return Optional.empty();
            }
            var value = observed.value(p.name());
            seen.add(AuditParameter.observed(p.name(), value));
            if (Objects.equals(value, p.after())) {
                showsNew++;
            }
            else if (Objects.equals(value, p.before())) {
                showsOld++;
            }
            else {
                return Optional.empty();
            }
        }
        if (showsNew > 0 && showsOld == 0) {
            return Optional.of(new Verdict(
                    new AuditResult(AuditOutcome.SUCCEEDED, "Reconciled", NOTE + "showed the new values.", null, null),
                    seen));
        }
        if (showsOld > 0 && showsNew == 0) {
            return Optional.of(new Verdict(new AuditResult(AuditOutcome.FAILED, "NotApplied",
                    NOTE + "showed the old values: the change did not take effect.", null, null), seen));
        }
        return Optional.empty();
    }

}
