package com.cksconsole.keystore.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.guided.GuidedRun;
import com.cksconsole.keystore.guided.GuidedStep;
import com.cksconsole.keystore.guided.RunStatus;
import com.cksconsole.keystore.guided.StepName;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.view.VisibleText;

/**
 * A guided change and its key store as the status page shows them: the page renders this
 * record, and its script polls the same record as JSON, so that every part of the page
 * (badge, steps, the store's state and name, the "keys unusable" notice, the actions
 * still possible) follows the run the same way with and without JavaScript.
 *
 * @param active whether the run is still driven (RUNNING)
 * @param statusBadge the badge modifier class of the run's status
 * @param storeName the store's name now (a guided rename shows its new name), or as the
 * run recorded it when KMS could not be asked
 * @param storeNameShown that name with its invisible and direction-changing characters as
 * escapes ({@link VisibleText}): what the script puts on the page, never the raw name
 * @param storeNameHidesCharacters whether the name has such characters (the page then
 * shows its warning)
 * @param storeState the store's connection state now; null when KMS could not be asked
 * just now
 * @param storeBadge the badge modifier class of that state
 * @param keysUnusable the store is known and not CONNECTED: its KMS keys cannot be used
 * now
 * @param follow whether the page should keep following: the run is driven or the store is
 * still moving
 */
record RunProgress(String id, String status, String statusLabel, String statusBadge, boolean active,
        @Nullable String outcome, List<Step> steps, String storeName, String storeNameShown,
        boolean storeNameHidesCharacters, @Nullable String storeState, String storeBadge, boolean keysUnusable,
        boolean mayCancel, boolean mayLeaveDisconnected, boolean follow) {

    /** One step for the page and its script. */
    record Step(int order, String name, String label, String status, String statusLabel, @Nullable String detail,
            @Nullable String took) {
    }

    private static final VisibleText SHOWN = new VisibleText();

    RunProgress {
        steps = List.copyOf(steps);
    }

    /**
     * @param store the store as the shared snapshot shows it now; null when KMS could not
     * be asked
     */
    static RunProgress of(GuidedRun run, @Nullable CustomKeyStore store, Instant now) {
        var steps = run.steps()
            .stream()
            // A CloudHSM change has no XKS pre-flight check (runs recorded before it was
            // left out had one).
            .filter(step -> step.name() != StepName.PREFLIGHT || run.storeType() == KeyStoreType.EXTERNAL_KEY_STORE)
            .map(step -> step(step, now))
            .toList();
        var state = store == null ? null : store.connectionState();
        String name = store == null ? run.storeName() : store.name();
        return new RunProgress(run.id(), run.status().name(), run.status().label(), runBadge(run.status()),
                run.status() == RunStatus.RUNNING, run.outcome(), steps, name, SHOWN.escaped(name),
                VisibleText.containsHidden(name), state == null ? null : state.name(), stateBadge(state),
                state != null && state != ConnectionState.CONNECTED, run.cancellable(), run.mayLeaveDisconnected(),
                run.status() == RunStatus.RUNNING || (state != null && state.isTransient()));
    }

    private static Step step(GuidedStep step, Instant now) {
        var took = step.duration(now);
        return new Step(step.order(), step.name().name(), step.name().label(), step.status().name(),
                step.status().label(), step.detail(), took == null ? null : AgeText.of(took));
    }

    /**
     * As the stateBadge fragment colours a connection state: green, amber while moving,
     * red, else grey.
     */
    static String stateBadge(@Nullable ConnectionState state) {
        if (state == null) {
            return "badge--disconnected";
        }
        return switch (state) {
            case CONNECTED -> "badge--connected";
            case FAILED -> "badge--failed";
            case CONNECTING, DISCONNECTING -> "badge--transient";
            default -> "badge--disconnected";
        };
    }

    private static String runBadge(RunStatus status) {
        return switch (status) {
            case COMPLETED -> "badge--connected";
            case FAILED -> "badge--failed";
            case CANCELLED -> "badge--disconnected";
            default -> "badge--transient";
        };
    }
}
