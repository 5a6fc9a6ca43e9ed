package com.cksconsole.keystore.web;

import java.util.List;

import com.cksconsole.audit.AuditEntry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.keystore.ConnectionErrorExplanation;
import com.cksconsole.keystore.ConnectionOperation;
import com.cksconsole.keystore.ConnectionTransitions;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.OngoingStoreWork;
import com.cksconsole.keystore.PropertyDifference;
import com.cksconsole.keystore.ProxyCredentialAges;
import com.cksconsole.keystore.TrustAnchorSummary;
import com.cksconsole.keystore.UpdateOutcome;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.guided.GuidedChangeService;

/**
 * Shows one key store: every described property, its connection error explained, what can
 * change now, its connect and disconnect buttons, and its guided changes. While the store
 * is CONNECTING or DISCONNECTING the page follows the state.
 */
@Controller
class KeyStoreDetailController {

    static final String VIEW = "keystores/detail";
    static final String OUTCOME = "outcome";

    /**
     * How often a page in a transient state reloads itself without JavaScript (seconds).
     */
    static final int REFRESH_SECONDS = 3;
    static final int RECENT_RUNS = 5;

    /**
     * How many of the store's latest audit entries its page shows (the audit log has them
     * all).
     */
    static final int HISTORY_ENTRIES = 20;

    private final KeyStoreReads service;

    private final UpdatePolicy policy;

    private final GuidedChangeService guidedChanges;

    private final ConnectionTransitions transitions;

    private final AuditLog auditLog;

    private final ProxyCredentialAges credentialAges;

    /** Work other features run on the store over time (a credential rotation). */
    private final ObjectProvider<OngoingStoreWork> ongoingWork;

    KeyStoreDetailController(KeyStoreReads service, UpdatePolicy policy, GuidedChangeService guidedChanges,
            ConnectionTransitions transitions, AuditLog auditLog, ProxyCredentialAges credentialAges,
            ObjectProvider<OngoingStoreWork> ongoingWork) {
        this.ongoingWork = ongoingWork;
        this.auditLog = auditLog;
        this.credentialAges = credentialAges;
        this.service = service;
        this.policy = policy;
        this.guidedChanges = guidedChanges;
        this.transitions = transitions;
    }

    @GetMapping("/t/{target}/key-stores/{id}")
    String detail(KeyStoreRef ref, Model model) {
        var view = service.find(ref);
        var store = view.store();
        model.addAttribute("store", store);
        model.addAttribute("snapshot", view.snapshot());
        model.addAttribute("staleAge", view.snapshot() == null ? null : AgeText.of(view.snapshot().age()));
        addStateAndWhatCanChange(ref, store, model);
        model.addAttribute("activeRun", guidedChanges.activeRun(ref).orElse(null));
        model.addAttribute("ongoingWork", ongoingWork.orderedStream().flatMap(work -> work.on(ref).stream()).toList());
        model.addAttribute("recentRuns", guidedChanges.recentRuns(ref, RECENT_RUNS));
        model.addAttribute("storeHistory", historyOf(ref));
        if (store.isExternal()) {
            // The credential's age against the target's rotation policy, next to "Rotate
            // now" (docs/health.md, "Credential age").
            model.addAttribute("credentialAge", credentialAges.age(ref));
        }
        if (model.getAttribute(OUTCOME) instanceof UpdateOutcome outcome && outcome.after() != null) {
            model.addAttribute("outcomeDifferences", PropertyDifference.between(outcome.before(), outcome.after()));
        }
        return VIEW;
    }

    /**
     * The store's recorded changes, asked of the audit log by account, Region and ID: a
     * store with the same ID in another target never shows.
     */
    private List<AuditEntry> historyOf(KeyStoreRef ref) {
        return auditLog.changeHistory(ref, HISTORY_ENTRIES);
    }

    /**
     * The connection error explained, the trust anchor, what can change, the buttons, and
     * a transition followed.
     */
    private void addStateAndWhatCanChange(KeyStoreRef ref, CustomKeyStore store, Model model) {
        if (store.connectionErrorCode() != null) {
            model.addAttribute("explanation", ConnectionErrorExplanation.of(store.connectionErrorCode(), store.type()));
        }
        if (store.trustAnchorCertificate() != null) {
            model.addAttribute("trustAnchor", TrustAnchorSummary.of(store.trustAnchorCertificate()));
        }
        model.addAttribute("whatCanChange", WhatCanChange.of(store, policy));
        model.addAttribute("mayConnect", ConnectionOperation.CONNECT.acceptedIn(store.connectionState()));
        model.addAttribute("mayDisconnect", ConnectionOperation.DISCONNECT.acceptedIn(store.connectionState()));
        if (store.connectionState().isTransient()) {
            // Follow the transition: a plain reload without JavaScript, a small JSON poll
            // with it.
            model.addAttribute("autoRefreshSeconds", REFRESH_SECONDS);
            model.addAttribute("elapsed", transitions.elapsed(ref, store).map(AgeText::of).orElse(null));
        }
    }

}
