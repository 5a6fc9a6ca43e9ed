package com.cksconsole.keys.web;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.http.HttpStatus;
import java.security.Principal;
import java.time.Instant;
import java.util.Optional;

import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalRefusedException;
import com.cksconsole.approval.ApprovalRequest;
import com.cksconsole.approval.ApprovalStatus;
import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.CurrentApprover;
import com.cksconsole.approval.ExecutionClearance;
import com.cksconsole.keys.KmsKey;
import com.cksconsole.keys.internal.KeyOperations;
import com.cksconsole.keys.internal.RoundTripResult;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;

/**
 * The changes of one key (OPERATOR or ADMIN with the change right on the target): each
 * state change behind a confirmation page that states its consequence, then a POST (CSRF,
 * audited) and the key's page (PRG); and the round-trip test, whose result the key's page
 * shows.
 */
@Controller
@PreAuthorize(KeyPages.MAY_CHANGE)
class KeyChangeController {

    static final String CONFIRM_VIEW = "keys/confirm";

    private static final String KEY_PAGE = "redirect:/t/{target}/key-stores/{id}/keys/{keyId}";

    private final StoreKeyLookup lookup;

    private final KeyOperations operations;

    private final KeyStoreReads reads;

    private final KeyDeletionApprovals deletionApprovals;

    private final Approvals approvals;

    private final CurrentApprover approver;

    KeyChangeController(StoreKeyLookup lookup, KeyOperations operations, KeyStoreReads reads,
            KeyDeletionApprovals deletionApprovals, Approvals approvals, CurrentApprover approver) {
        this.lookup = lookup;
        this.operations = operations;
        this.reads = reads;
        this.deletionApprovals = deletionApprovals;
        this.approvals = approvals;
        this.approver = approver;
    }

    @InitBinder("scheduleForm")
    void bind(WebDataBinder binder) {
        binder.setAllowedFields("days");
    }

    @GetMapping("/t/{target}/key-stores/{id}/keys/{keyId}/disable")
    String confirmDisable(KeyStoreRef ref, @PathVariable String keyId, Model model) {
        return confirm(ref, keyId, KeyChange.DISABLE, model, null);
    }

    @GetMapping("/t/{target}/key-stores/{id}/keys/{keyId}/enable")
    String confirmEnable(KeyStoreRef ref, @PathVariable String keyId, Model model) {
        return confirm(ref, keyId, KeyChange.ENABLE, model, null);
    }

    @GetMapping("/t/{target}/key-stores/{id}/keys/{keyId}/schedule-deletion")
    String confirmSchedule(KeyStoreRef ref, @PathVariable String target, @PathVariable String keyId, Model model) {
        return confirmDeletion(ref, target, keyId, model, new ScheduleForm(ScheduleForm.DEFAULT_DAYS));
    }

    @GetMapping("/t/{target}/key-stores/{id}/keys/{keyId}/cancel-deletion")
    String confirmCancel(KeyStoreRef ref, @PathVariable String keyId, Model model) {
        return confirm(ref, keyId, KeyChange.CANCEL_DELETION, model, null);
    }

    @PostMapping("/t/{target}/key-stores/{id}/keys/{keyId}/disable")
    String disable(KeyStoreRef ref, @PathVariable String keyId, RedirectAttributes redirect) {
        return change(ref, keyId, KeyChange.DISABLE, redirect, (store, key) -> {
            operations.setEnabled(ref, store.name(), key.keyId(), false);
            return "The KMS key " + key.keyId() + " was disabled." + deferredNote(key);
        });
    }

    @PostMapping("/t/{target}/key-stores/{id}/keys/{keyId}/enable")
    String enable(KeyStoreRef ref, @PathVariable String keyId, RedirectAttributes redirect) {
        return change(ref, keyId, KeyChange.ENABLE, redirect, (store, key) -> {
            operations.setEnabled(ref, store.name(), key.keyId(), true);
            return "The KMS key " + key.keyId() + " was enabled." + deferredNote(key);
        });
    }

    /**
     * Schedules the deletion; under an approval policy only by break glass with a reason
     * (an approved request is executed on its own page).
     */
    @PostMapping("/t/{target}/key-stores/{id}/keys/{keyId}/schedule-deletion")
    String schedule(KeyStoreRef ref, @PathVariable String target, @PathVariable String keyId,
            @Valid @ModelAttribute("scheduleForm") ScheduleForm form, BindingResult errors,
            @RequestParam(name = "breakGlassReason", required = false) @Nullable String breakGlassReason,
            Principal principal, Model model, RedirectAttributes redirect) {
        if (errors.hasErrors() || form.days() == null) {
            return confirmDeletion(ref, target, keyId, model, form);
        }
        int days = form.days();
        CustomKeyStore store = lookup.store(ref);
        ExecutionClearance clearance = null;
        if (deletionApprovals.requirement(target, store).isPresent()) {
            try {
                clearance = approvals.breakGlass(
                        deletionApprovals.describe(target, store, lookup.key(ref, keyId), days), principal.getName(),
                        breakGlassReason);
            }
            catch (ApprovalRefusedException e) {
                model.addAttribute("approvalFailure", e.getMessage());
                return confirmDeletion(ref, target, keyId, model, form);
            }
        }
        return scheduleDeletion(ref, keyId, days, clearance, redirect);
    }

    /** Asks for approval of a key's deletion with its waiting period and a reason. */
    @PostMapping("/t/{target}/key-stores/{id}/keys/{keyId}/schedule-deletion/request-approval")
    String requestDeletionApproval(KeyStoreRef ref, @PathVariable String target, @PathVariable String keyId,
            @Valid @ModelAttribute("scheduleForm") ScheduleForm form, BindingResult errors,
            @RequestParam(name = "approvalReason", required = false) @Nullable String reason, Principal principal,
            Model model, RedirectAttributes redirect) {
        if (errors.hasErrors() || form.days() == null) {
            return confirmDeletion(ref, target, keyId, model, form);
        }
        CustomKeyStore store = lookup.store(ref);
        try {
            var request = approvals.request(
                    deletionApprovals.describe(target, store, lookup.key(ref, keyId), form.days()), principal.getName(),
                    reason);
            redirect.addFlashAttribute("success", "Approval requested. Nothing was sent to KMS.");
            return "redirect:/t/{target}/approvals/" + request.id();
        }
        catch (ApprovalRefusedException e) {
            model.addAttribute("approvalFailure", e.getMessage());
            return confirmDeletion(ref, target, keyId, model, form);
        }
    }

    /** The page executing an approved deletion: the approved change and one button. */
    @GetMapping("/t/{target}/key-stores/{id}/keys/{keyId}/schedule-deletion/approved/{requestId}")
    String approvedDeletion(KeyStoreRef ref, @PathVariable String target, @PathVariable String keyId,
            @PathVariable String requestId, Model model) {
        var request = approvedDeletion(ref, target, keyId, requestId);
        model.addAttribute("approvalRequest", request);
        model.addAttribute("executable",
                request.status() == ApprovalStatus.APPROVED && request.executableBy(approver.on(target)));
        return confirmDeletion(ref, target, keyId, model,
                new ScheduleForm(Integer.valueOf(request.change().parameters().get(KeyDeletionApprovals.DAYS))));
    }

    @PostMapping("/t/{target}/key-stores/{id}/keys/{keyId}/schedule-deletion/approved/{requestId}")
    String executeApprovedDeletion(KeyStoreRef ref, @PathVariable String target, @PathVariable String keyId,
            @PathVariable String requestId, RedirectAttributes redirect) {
        var request = approvedDeletion(ref, target, keyId, requestId);
        int days = Integer.parseInt(request.change().parameters().get(KeyDeletionApprovals.DAYS));
        ExecutionClearance clearance;
        try {
            clearance = approvals.clear(requestId,
                    deletionApprovals.describe(target, lookup.store(ref), lookup.key(ref, keyId), days),
                    approver.on(target));
        }
        catch (ApprovalRefusedException e) {
            redirect.addFlashAttribute("failure", e.getMessage());
            return "redirect:/t/{target}/approvals/" + requestId;
        }
        return scheduleDeletion(ref, keyId, days, clearance, redirect);
    }

    private String scheduleDeletion(KeyStoreRef ref, String keyId, int days, @Nullable ExecutionClearance clearance,
            RedirectAttributes redirect) {
        boolean[] sent = { false };
        try {
            return change(ref, keyId, KeyChange.SCHEDULE_DELETION, redirect, (store, key) -> {
                sent[0] = true;
                Optional<Instant> date = operations.scheduleDeletion(ref, store.name(), key.keyId(), days);
                return "The KMS key " + key.keyId() + " is scheduled for deletion"
                        + date.map(d -> " on " + d + " (UTC)").orElse(" in " + days + " days")
                        + ". Until then the deletion can be cancelled.";
            });
        }
        finally {
            if (clearance != null) {
                if (sent[0]) {
                    approvals.sent(clearance);
                }
                else {
                    approvals.notSent(clearance);
                }
            }
        }
    }

    /** The approved key deletion request of this page, or 404. */
    private ApprovalRequest approvedDeletion(KeyStoreRef ref, String target, String keyId, String requestId) {
        return approvals.find(requestId)
            .filter(request -> request.change().target().equals(target)
                    && ref.keyStoreId().equals(request.change().storeId())
                    && keyId.equals(request.change().parameters().get("keyId"))
                    && request.change().operations().contains(ApprovalOperation.KEY_DELETION))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @PostMapping("/t/{target}/key-stores/{id}/keys/{keyId}/cancel-deletion")
    String cancel(KeyStoreRef ref, @PathVariable String keyId, RedirectAttributes redirect) {
        return change(ref, keyId, KeyChange.CANCEL_DELETION, redirect, (store, key) -> {
            operations.cancelDeletion(ref, store.name(), key.keyId());
            return "The deletion of the KMS key " + key.keyId() + " was cancelled. The key is Disabled now: enable "
                    + "it to use it again.";
        });
    }

    @PostMapping("/t/{target}/key-stores/{id}/keys/{keyId}/round-trip")
    String roundTrip(KeyStoreRef ref, @PathVariable String keyId, RedirectAttributes redirect) {
        CustomKeyStore store = lookup.store(ref);
        KmsKey key = lookup.key(ref, keyId);
        RoundTripResult result = operations.roundTrip(ref, store.name(), key.keyId());
        redirect.addFlashAttribute("roundTrip", result);
        redirect.addFlashAttribute("roundTripExplanation", result.succeeded() ? null : explain(ref, key, result));
        redirect.addAttribute("keyId", key.keyId());
        return KEY_PAGE;
    }

    /** Why a round trip failed, through the store's current state and KMS's answer. */
    private String explain(KeyStoreRef ref, KmsKey key, RoundTripResult result) {
        if (result.failedOperation() == null) {
            return "KMS answered both calls, but Decrypt did not give back the test plaintext. Report this to AWS "
                    + "support (or, in the sandbox, as a bug).";
        }
        ConnectionState state = null;
        try {
            state = reads.describeNow(ref).connectionState();
        }
        catch (RuntimeException unknown) {
            // The explanation does without the state.
        }
        String code = result.errorCode();
        if ("DisabledException".equals(code)) {
            return "The KMS key is disabled, so KMS refuses to use it. Enable it to use it again.";
        }
        if ("NotFoundException".equals(code)) {
            return "KMS no longer has this key.";
        }
        if ("KMSInvalidStateException".equals(code)) {
            if (state != null && state != ConnectionState.CONNECTED) {
                return "The key store is " + state.name() + ": while a key store is not CONNECTED, none of its KMS "
                        + "keys can be used. Connect the key store, then test again.";
            }
            if (key.pendingDeletion()) {
                return "The key is pending deletion: KMS does not use it.";
            }
            if (key.external()) {
                return "The key store is CONNECTED, but the operation failed in the external key store proxy or "
                        + "the external key manager (KMS's message says why). Check that the external key "
                        + key.xksKeyId() + " exists, is enabled and allows ENCRYPT and DECRYPT, and that the proxy "
                        + "works.";
            }
            return "The key store is CONNECTED, but its CloudHSM cluster could not perform the operation: it has no "
                    + "active HSM, or the key material is missing from the cluster.";
        }
        return "KMS could not run the test (" + code + ")"
                + (state == null ? "." : "; the key store is " + state.name() + ".");
    }

    private static String deferredNote(KmsKey key) {
        return KmsKey.UNAVAILABLE.equals(key.keyState())
                ? " Its key store is not connected, so the key shows Unavailable; the change shows once the key store "
                        + "is connected again."
                : "";
    }

    @FunctionalInterface
    private interface Change {

        String apply(CustomKeyStore store, KmsKey key);

    }

    private String change(KeyStoreRef ref, String keyId, KeyChange change, RedirectAttributes redirect, Change call) {
        CustomKeyStore store = lookup.store(ref);
        KmsKey key = lookup.key(ref, keyId);
        redirect.addAttribute("keyId", key.keyId());
        if (!change.acceptedIn(key)) {
            redirect.addFlashAttribute("failure",
                    "Nothing was sent: KMS does not accept this change for a key that is " + key.keyState() + ".");
            return KEY_PAGE;
        }
        try {
            redirect.addFlashAttribute("success", call.apply(store, key));
        }
        catch (KmsCallException e) {
            redirect
                .addFlashAttribute("failure",
                        "KMS refused the change: "
                                + ("KMSInvalidStateException".equals(e.failure().errorCode())
                                        ? "the key's state does not allow it now. " : "")
                                + KeyFailureText.of(e.failure()));
        }
        return KEY_PAGE;
    }

    private String confirm(KeyStoreRef ref, String keyId, KeyChange change, Model model, @Nullable ScheduleForm form) {
        return confirm(lookup.store(ref), ref, keyId, change, model, form);
    }

    private String confirm(CustomKeyStore store, KeyStoreRef ref, String keyId, KeyChange change, Model model,
            @Nullable ScheduleForm form) {
        model.addAttribute("store", store);
        KmsKey key = lookup.key(ref, keyId);
        model.addAttribute("key", key);
        model.addAttribute("change", change);
        model.addAttribute("allowed", change.acceptedIn(key));
        model.addAttribute("scheduleForm", form == null ? new ScheduleForm(ScheduleForm.DEFAULT_DAYS) : form);
        return CONFIRM_VIEW;
    }

    /**
     * The deletion's confirmation, with what an approval policy asks of it (not on the
     * page executing an approved request, which says so itself).
     */
    private String confirmDeletion(KeyStoreRef ref, String target, String keyId, Model model,
            @Nullable ScheduleForm form) {
        CustomKeyStore store = lookup.store(ref);
        if (!model.containsAttribute("approvalRequest")) {
            var requirement = deletionApprovals.requirement(target, store);
            model.addAttribute("approvalRequirement", requirement.orElse(null));
            model.addAttribute("breakGlass",
                    requirement.isPresent() && approvals.holdsBreakGlass(approver.on(target).name()));
        }
        return confirm(store, ref, keyId, KeyChange.SCHEDULE_DELETION, model, form);
    }

}
