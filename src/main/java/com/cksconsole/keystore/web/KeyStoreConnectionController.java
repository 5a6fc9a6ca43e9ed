package com.cksconsole.keystore.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.approval.ApprovalRefusedException;
import com.cksconsole.approval.ApprovalRefusedException.Reason;
import com.cksconsole.approval.ExecutionClearance;
import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.keystore.ConnectionChangeFailedException;
import com.cksconsole.keystore.ConnectionOperation;
import com.cksconsole.keystore.ConnectionTransitions;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreBusyException;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KeyStoreConnections;
import com.cksconsole.keystore.KeyStoreNotFoundException;

/**
 * Connect and disconnect from the detail page, each behind a confirmation page that says
 * the consequence, and the small JSON view of a store's state with which the detail page
 * follows a transition. Under an approval policy (docs/approvals.md) the confirmation
 * page offers a request for approval instead, the plain action is refused unless the user
 * breaks the glass, and an approved request is executed from its own page.
 */
@Controller
class KeyStoreConnectionController {

    static final String CONFIRM_VIEW = "keystores/connection";

    /** The page that executes an approved request (connect, disconnect or delete). */
    static final String APPROVED_VIEW = "keystores/approved";

    /** The page below says how long connecting a store of its type takes. */
    static final String CONNECT_STARTED = "KMS is connecting the key store. This page follows its state until it "
            + "settles.";
    static final String DISCONNECT_STARTED = "KMS is disconnecting the key store. Its KMS keys cannot be used until "
            + "it is connected again.";

    private final KeyStoreReads reads;

    private final KeyStoreConnections connections;

    private final ConnectionTransitions transitions;

    private final KeyImpactModel keyImpact;

    private final StoreApprovals approvals;

    KeyStoreConnectionController(KeyStoreReads reads, KeyStoreConnections connections,
            ConnectionTransitions transitions, KeyImpactModel keyImpact, StoreApprovals approvals) {
        this.approvals = approvals;
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
    String confirmConnect(@PathVariable String target, KeyStoreRef ref, Principal principal, Model model) {
        return confirm(ConnectionOperation.CONNECT, target, ref, reads.find(ref).store(), principal, model);
    }

    @GetMapping("/t/{target}/key-stores/{id}/disconnect")
    @PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
    String confirmDisconnect(@PathVariable String target, KeyStoreRef ref, Principal principal, Model model) {
        return confirm(ConnectionOperation.DISCONNECT, target, ref, reads.find(ref).store(), principal, model);
    }

    @PostMapping("/t/{target}/key-stores/{id}/connect")
    @PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
    String connect(@PathVariable String target, KeyStoreRef ref,
            @RequestParam(required = false) @Nullable String breakGlassReason, Principal principal, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        return changeOrRefuse(ConnectionOperation.CONNECT, target, ref, breakGlassReason, principal, model, response,
                redirect);
    }

    @PostMapping("/t/{target}/key-stores/{id}/disconnect")
    @PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
    String disconnect(@PathVariable String target, KeyStoreRef ref,
            @RequestParam(required = false) @Nullable String breakGlassReason, Principal principal, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        return changeOrRefuse(ConnectionOperation.DISCONNECT, target, ref, breakGlassReason, principal, model, response,
                redirect);
    }

    @PostMapping("/t/{target}/key-stores/{id}/connect/request-approval")
    @PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
    String requestConnect(@PathVariable String target, KeyStoreRef ref,
            @RequestParam(required = false) @Nullable String reason, Principal principal, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        return request(ConnectionOperation.CONNECT, target, ref, reason, principal, model, response, redirect);
    }

    @PostMapping("/t/{target}/key-stores/{id}/disconnect/request-approval")
    @PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
    String requestDisconnect(@PathVariable String target, KeyStoreRef ref,
            @RequestParam(required = false) @Nullable String reason, Principal principal, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        return request(ConnectionOperation.DISCONNECT, target, ref, reason, principal, model, response, redirect);
    }

    @GetMapping("/t/{target}/key-stores/{id}/connect/approved/{requestId}")
    @PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
    String approvedConnect(@PathVariable String target, KeyStoreRef ref, @PathVariable String requestId, Model model,
            HttpServletResponse response) {
        return approved(ConnectionOperation.CONNECT, target, ref, requestId, model, response);
    }

    @GetMapping("/t/{target}/key-stores/{id}/disconnect/approved/{requestId}")
    @PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
    String approvedDisconnect(@PathVariable String target, KeyStoreRef ref, @PathVariable String requestId, Model model,
            HttpServletResponse response) {
        return approved(ConnectionOperation.DISCONNECT, target, ref, requestId, model, response);
    }

    @PostMapping("/t/{target}/key-stores/{id}/connect/approved/{requestId}")
    @PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
    String executeConnect(@PathVariable String target, KeyStoreRef ref, @PathVariable String requestId,
            Principal principal, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return execute(ConnectionOperation.CONNECT, target, ref, requestId, principal, model, response, redirect);
    }

    @PostMapping("/t/{target}/key-stores/{id}/disconnect/approved/{requestId}")
    @PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
    String executeDisconnect(@PathVariable String target, KeyStoreRef ref, @PathVariable String requestId,
            Principal principal, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return execute(ConnectionOperation.DISCONNECT, target, ref, requestId, principal, model, response, redirect);
    }

    private String confirm(ConnectionOperation operation, String target, KeyStoreRef ref, CustomKeyStore store,
            Principal principal, Model model) {
        model.addAttribute("store", store);
        model.addAttribute("operation", operation.name());
        model.addAttribute("allowed", operation.acceptedIn(store.connectionState()));
        model.addAttribute("changeUnderWay",
                reads.changeUnderWay(ref).filter(holder -> holder.isGuidedRun()).orElse(null));
        model.addAttribute("approval",
                approvals.offer(target, ref.keyStoreId(), ConnectionChanges.operation(operation), principal.getName())
                    .orElse(null));
        if (operation == ConnectionOperation.DISCONNECT) {
            keyImpact.add(model, ref);
        }
        return CONFIRM_VIEW;
    }

    /**
     * The plain action: as before when no policy covers it; under a policy only by break
     * glass, otherwise refused before anything is sent (whatever the page offered).
     */
    private String changeOrRefuse(ConnectionOperation operation, String target, KeyStoreRef ref,
            @Nullable String breakGlassReason, Principal principal, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        String user = principal.getName();
        var offer = approvals.offer(target, ref.keyStoreId(), ConnectionChanges.operation(operation), user);
        if (offer.isEmpty()) {
            return change(operation, ref, user, redirect, null);
        }
        var store = reads.describeNow(ref);
        if (breakGlassReason == null) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("failure", offer.get().summary() + ". Nothing was sent to KMS: request approval below.");
            return confirm(operation, target, ref, store, principal, model);
        }
        ExecutionClearance clearance;
        try {
            clearance = approvals.breakGlass(ConnectionChanges.of(operation, target, store), user, breakGlassReason);
        }
        catch (ApprovalRefusedException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            // Without a grant the page has no break-glass form to show the error next to.
            model.addAttribute(e.reason() == Reason.NO_BREAK_GLASS ? "failure" : "breakGlassError", e.getMessage());
            model.addAttribute("breakGlassReason", breakGlassReason);
            return confirm(operation, target, ref, store, principal, model);
        }
        return change(operation, ref, user, redirect, clearance);
    }

    private String request(ConnectionOperation operation, String target, KeyStoreRef ref, @Nullable String reason,
            Principal principal, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        var store = reads.describeNow(ref);
        if (!operation.acceptedIn(store.connectionState())) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("failure", "The key store is " + store.connectionState().name()
                    + " now, so there is nothing to " + operation.verb() + ": no approval was requested.");
            return confirm(operation, target, ref, store, principal, model);
        }
        try {
            var request = approvals.request(ConnectionChanges.of(operation, target, store), principal.getName(),
                    reason);
            redirect.addFlashAttribute("success",
                    "Approval requested: the change is sent once it is approved and you execute it.");
            return "redirect:/t/{target}/approvals/" + request.id();
        }
        catch (ApprovalRefusedException e) {
            model.addAttribute("requestError", e.getMessage());
            model.addAttribute("requestReason", reason);
            return confirm(operation, target, ref, store, principal, model);
        }
    }

    private String approved(ConnectionOperation operation, String target, KeyStoreRef ref, String requestId,
            Model model, HttpServletResponse response) {
        var request = approvals.find(requestId, target, ref.keyStoreId(), ConnectionChanges.operation(operation));
        if (request.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
        }
        model.addAttribute("request", request.orElse(null));
        model.addAttribute("requestId", requestId);
        model.addAttribute("storeId", ref.keyStoreId());
        model.addAttribute("title", operation == ConnectionOperation.CONNECT ? "Connect" : "Disconnect");
        model.addAttribute("executeLabel",
                operation == ConnectionOperation.CONNECT ? "Connect the key store" : "Disconnect the key store");
        return APPROVED_VIEW;
    }

    private String execute(ConnectionOperation operation, String target, KeyStoreRef ref, String requestId,
            Principal principal, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        if (approvals.find(requestId, target, ref.keyStoreId(), ConnectionChanges.operation(operation)).isEmpty()) {
            return approved(operation, target, ref, requestId, model, response);
        }
        // The store as KMS has it now, not the snapshot: an approval counts only for the
        // store it was given for.
        var now = ConnectionChanges.of(operation, target, reads.describeNow(ref));
        ExecutionClearance clearance;
        try {
            clearance = approvals.clear(requestId, now);
        }
        catch (ApprovalRefusedException e) {
            redirect.addFlashAttribute("failure", e.getMessage() + " Nothing was sent to KMS.");
            return "redirect:" + now.executePath() + requestId;
        }
        return change(operation, ref, principal.getName(), redirect, clearance);
    }

    /**
     * Sends the connect or disconnect and reports to the approval rules whether it was
     * sent ({@code clearance} null: no policy covered it). A failure of unknown extent
     * counts as sent, so that an approval is never used twice for a change KMS may have
     * received.
     */
    private String change(ConnectionOperation operation, KeyStoreRef ref, String user, RedirectAttributes redirect,
            @Nullable ExecutionClearance clearance) {
        try {
            if (operation == ConnectionOperation.CONNECT) {
                connections.connect(ref, user, null);
                redirect.addFlashAttribute("success", CONNECT_STARTED);
            }
            else {
                connections.disconnect(ref, user, null);
                redirect.addFlashAttribute("success", DISCONNECT_STARTED);
            }
            approvals.sent(clearance);
        }
        catch (ConnectionChangeFailedException e) {
            // KMS was asked, and refused or did not answer.
            approvals.sent(clearance);
            redirect.addFlashAttribute("failure", e.explanation());
        }
        catch (KeyStoreBusyException e) {
            approvals.notSent(clearance);
            redirect.addFlashAttribute("failure", "A guided change is under way on this key store, so the console "
                    + "did not " + operation.verb() + " it. Follow the guided change (linked below), or cancel it.");
        }
        catch (KeyStoreNotFoundException | AuditUnavailableException e) {
            // No store to change, or the audit intent could not be written: KMS changed
            // nothing.
            approvals.notSent(clearance);
            throw e;
        }
        catch (RuntimeException e) {
            approvals.sent(clearance);
            throw e;
        }
        return "redirect:/t/{target}/key-stores/{id}";
    }

}
