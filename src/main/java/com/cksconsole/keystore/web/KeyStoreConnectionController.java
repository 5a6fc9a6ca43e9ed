package com.cksconsole.keystore.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.keystore.ConnectionChangeFailedException;
import com.cksconsole.keystore.ConnectionOperation;
import com.cksconsole.keystore.ConnectionTransitions;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreBusyException;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KeyStoreConnections;

/**
 * Connect and disconnect from the detail page, each behind a confirmation page that says
 * the consequence, and the small JSON view of a store's state with which the detail page
 * follows a transition.
 */
@Controller
class KeyStoreConnectionController {

    static final String CONFIRM_VIEW = "keystores/connection";

    /** The page below says how long connecting a store of its type takes. */
    static final String CONNECT_STARTED = "KMS is connecting the key store. This page follows its state until it "
            + "settles.";
    static final String DISCONNECT_STARTED = "KMS is disconnecting the key store. Its KMS keys cannot be used until "
            + "it is connected again.";

    private final KeyStoreReads reads;

    private final KeyStoreConnections connections;

    private final ConnectionTransitions transitions;

    private final KeyImpactModel keyImpact;

    KeyStoreConnectionController(KeyStoreReads reads, KeyStoreConnections connections,
            ConnectionTransitions transitions, KeyImpactModel keyImpact) {
        this.reads = reads;
        this.connections = connections;
        this.transitions = transitions;
        this.keyImpact = keyImpact;
    }

    /**
     * The state as the detail page's script polls it: from the shared snapshot (so
     * polling costs KMS nothing extra), with how long a transition this console started
     * has taken.
     *
     * @param transitional whether KMS is still moving the store (CONNECTING or
     * DISCONNECTING)
     * @param elapsedSeconds null when the console did not start the transition (or
     * restarted since)
     */
    record StateView(String id, String state, boolean transitional, @Nullable String errorCode,
            @Nullable Long elapsedSeconds, boolean stale) {
    }

    @GetMapping(path = "/t/{target}/key-stores/{id}/state", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    StateView state(KeyStoreRef ref, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        var view = reads.find(ref);
        var store = view.store();
        return new StateView(store.id(), store.connectionState().name(), store.connectionState().isTransient(),
                store.connectionErrorCode(), transitions.elapsed(ref, store).map(d -> d.toSeconds()).orElse(null),
                view.snapshot() != null && view.snapshot().stale());
    }

    @GetMapping("/t/{target}/key-stores/{id}/connect")
    @PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
    String confirmConnect(KeyStoreRef ref, Model model) {
        return confirm(ConnectionOperation.CONNECT, ref, reads.find(ref).store(), model);
    }

    @GetMapping("/t/{target}/key-stores/{id}/disconnect")
    @PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
    String confirmDisconnect(KeyStoreRef ref, Model model) {
        return confirm(ConnectionOperation.DISCONNECT, ref, reads.find(ref).store(), model);
    }

    @PostMapping("/t/{target}/key-stores/{id}/connect")
    @PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
    String connect(KeyStoreRef ref, Principal principal, RedirectAttributes redirect) {
        return change(ConnectionOperation.CONNECT, ref, principal, redirect);
    }

    @PostMapping("/t/{target}/key-stores/{id}/disconnect")
    @PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
    String disconnect(KeyStoreRef ref, Principal principal, RedirectAttributes redirect) {
        return change(ConnectionOperation.DISCONNECT, ref, principal, redirect);
    }

    private String confirm(ConnectionOperation operation, KeyStoreRef ref, CustomKeyStore store, Model model) {
        model.addAttribute("store", store);
        model.addAttribute("operation", operation.name());
        model.addAttribute("allowed", operation.acceptedIn(store.connectionState()));
        model.addAttribute("changeUnderWay",
                reads.changeUnderWay(ref).filter(holder -> holder.isGuidedRun()).orElse(null));
        if (operation == ConnectionOperation.DISCONNECT) {
            keyImpact.add(model, ref);
        }
        return CONFIRM_VIEW;
    }

    private String change(ConnectionOperation operation, KeyStoreRef ref, Principal principal,
            RedirectAttributes redirect) {
        try {
            if (operation == ConnectionOperation.CONNECT) {
                connections.connect(ref, principal.getName(), null);
                redirect.addFlashAttribute("success", CONNECT_STARTED);
            }
            else {
                connections.disconnect(ref, principal.getName(), null);
                redirect.addFlashAttribute("success", DISCONNECT_STARTED);
            }
        }
        catch (ConnectionChangeFailedException e) {
            redirect.addFlashAttribute("failure", e.explanation());
        }
        catch (KeyStoreBusyException e) {
            redirect.addFlashAttribute("failure", "A guided change is under way on this key store, so the console "
                    + "did not " + operation.verb() + " it. Follow the guided change (linked below), or cancel it.");
        }
        return "redirect:/t/{target}/key-stores/{id}";
    }

}
