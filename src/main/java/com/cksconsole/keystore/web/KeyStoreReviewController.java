package com.cksconsole.keystore.web;

import java.security.Principal;
import java.util.List;
import java.util.Objects;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.approval.ApprovalRefusedException;
import com.cksconsole.approval.ExecutionClearance;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.keystore.ChangeNotSentException;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreBusyException;
import com.cksconsole.keystore.KeyStoreChangedException;
import com.cksconsole.keystore.KeyStoreChanges;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KeyStoreUpdateFailedException;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.PreflightClearance;
import com.cksconsole.keystore.PropertyDifference;
import com.cksconsole.keystore.StoreLockHolder;
import com.cksconsole.keystore.UpdatableProperty;
import com.cksconsole.keystore.UpdateCommand;
import com.cksconsole.keystore.UpdateNotAllowedException;
import com.cksconsole.keystore.UpdateOutcome;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.keystore.guided.GuidedChangeService;
import com.cksconsole.keystore.guided.GuidedMode;

/**
 * The review page of a pending change and its confirmation, which applies it (a plain
 * edit) or starts a guided change (disconnect, apply, reconnect) when the change needs
 * the store DISCONNECTED and it is CONNECTED. The page and its forms know the change only
 * by an opaque token; the secrets stay in the {@link PendingUpdateStore}. A change of an
 * external key store's proxy location or credential passes the XKS pre-flight check
 * first, or an operator overrides a failed check with a reason.
 */
@Controller
@PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
class KeyStoreReviewController {

    static final String VIEW = "keystores/review";
    static final String CHANGED_VIEW = "keystores/changed";
    static final String BUSY_VIEW = "keystores/busy";
    static final String FORM = "reviewForm";
    static final String EXPIRED = "This review has expired or was already used. Nothing was changed: make the "
            + "change again.";
    static final String GONE = "The key store no longer exists in KMS. Nothing was changed.";
    static final String NOT_SENT = "Nothing was sent to KMS: the console's database could not record the change "
            + "first (its change lock or the audit log's entry), and the console makes no change it cannot record. "
            + "Try again in a few minutes; if this persists, ask an administrator to check the database.";
    static final String APPLIED_UNRECORDED = "KMS accepted the change, but the console's database failed before the "
            + "audit log could record that. The audit entry shows the change as \"outcome unknown\" until it is "
            + "reconciled with what KMS shows. Changes can take up to five minutes to take full effect.";
    static final String APPLIED_UNRECORDED_VIEW = "keystores/applied-unrecorded";
    static final String GUIDED_STARTED = "The guided change has started. This page follows it step by step.";
    static final String OVERRIDE_NEEDED = "The XKS pre-flight check did not pass, so the change was not sent. Fix "
            + "the values, run the check again, or give a reason for going on anyway.";

    private final KeyStoreReads reads;

    private final KeyStoreChanges changes;

    private final GuidedChangeService guidedChanges;

    private final PendingUpdateStore pendingUpdates;

    private final ReviewPreflight preflight;

    private final EditPage editPage;

    private final UpdatePolicy policy;

    private final KeyImpactModel keyImpact;

    private final ReviewApprovals approvals;

    KeyStoreReviewController(KeyStoreReads reads, KeyStoreChanges changes, GuidedChangeService guidedChanges,
            PendingUpdateStore pendingUpdates, ReviewPreflight preflight, EditPage editPage, UpdatePolicy policy,
            KeyImpactModel keyImpact, ReviewApprovals approvals) {
        this.approvals = approvals;
        this.keyImpact = keyImpact;
        this.reads = reads;
        this.changes = changes;
        this.guidedChanges = guidedChanges;
        this.pendingUpdates = pendingUpdates;
        this.preflight = preflight;
        this.editPage = editPage;
        this.policy = policy;
    }

    @InitBinder(FORM)
    void bindReviewForm(WebDataBinder binder) {
        binder.setAllowedFields(ReviewForm.ALLOWED_FIELDS);
        EmptyInputAsNull.register(binder);
    }

    @InitBinder(ApprovalRequestForm.NAME)
    void bindApprovalRequestForm(WebDataBinder binder) {
        binder.setAllowedFields(ApprovalRequestForm.ALLOWED_FIELDS);
        EmptyInputAsNull.register(binder);
    }

    @GetMapping("/t/{target}/key-stores/{id}/review/{token}")
    String review(KeyStoreRef ref, @PathVariable String token, Model model, Principal principal, HttpSession session,
            RedirectAttributes redirect) {
        var pending = pendingUpdates.peek(session, principal.getName(), ref, token);
        if (pending.isEmpty()) {
            redirect.addFlashAttribute("failure", EXPIRED);
            return "redirect:/t/{target}/key-stores/{id}/edit";
        }
        var checked = preflight.forReviewPage(session, pending.get());
        return render(model, checked, new ReviewForm(checked.loaded().fingerprint(), null));
    }

    /**
     * Runs the XKS pre-flight check with the current secret access key the operator typed
     * (never kept).
     */
    @PostMapping("/t/{target}/key-stores/{id}/review/{token}/preflight")
    String checkProxy(KeyStoreRef ref, @PathVariable String token,
            @RequestParam(name = "currentSecret", required = false) @Nullable String currentSecret, Principal principal,
            HttpSession session, RedirectAttributes redirect) {
        var pending = pendingUpdates.peek(session, principal.getName(), ref, token);
        if (pending.isEmpty()) {
            redirect.addFlashAttribute("failure", EXPIRED);
            return "redirect:/t/{target}/key-stores/{id}/edit";
        }
        String secret = currentSecret == null || currentSecret.isEmpty() ? null : currentSecret;
        preflight.checkWithCurrentSecret(session, pending.get(), secret)
            .ifPresent(problem -> redirect.addFlashAttribute("failure", problem));
        return "redirect:/t/{target}/key-stores/{id}/review/{token}#preflight-title";
    }

    @PostMapping("/t/{target}/key-stores/{id}/review/{token}")
    String apply(KeyStoreRef ref, @PathVariable String token, @Valid @ModelAttribute(FORM) ReviewForm form,
            BindingResult errors, Model model, Principal principal, HttpSession session, HttpServletResponse response,
            RedirectAttributes redirect) {
        var ready = ready(new Confirmation(ref, token, form, errors, principal, session), false, model, response,
                redirect);
        if (!(ready instanceof Go go)) {
            return ((Page) ready).view();
        }
        try {
            var outcome = changes.apply(new UpdateCommand(ref, go.pending().loaded(), go.pending().change(),
                    ReviewApprovals.auditReason(go.approval(), reason(form)), principal.getName(),
                    go.pending().importSource(), go.clearance()));
            approvals.sent(go.approval());
            // The detail page shows the outcome under the store's heading: no flash
            // message to say it twice.
            // Not recorded: shown at once, since the key store page needs the database,
            // which has just failed.
            return outcome.auditOutcomeRecorded() ? detailWith(outcome, redirect) : appliedUnrecorded(outcome, model);
        }
        catch (KeyStoreChangedException | KeyStoreBusyException | UpdateNotAllowedException
                | KeyStoreUpdateFailedException | KeyStoreNotFoundException | ChangeNotSentException
                | AuditUnavailableException | KmsCallException e) {
            approvals.after(go.approval(), e instanceof KeyStoreUpdateFailedException);
            return notApplied(e, go.pending(), model, response, redirect);
        }
    }

    /**
     * Starts a guided change: disconnect, apply, and reconnect (or leave disconnected).
     */
    @PostMapping("/t/{target}/key-stores/{id}/review/{token}/guided")
    String startGuidedChange(KeyStoreRef ref, @PathVariable String token, @Valid @ModelAttribute(FORM) ReviewForm form,
            BindingResult errors, Model model, Principal principal, HttpSession session, HttpServletResponse response,
            RedirectAttributes redirect) {
        var ready = ready(new Confirmation(ref, token, form, errors, principal, session), true, model, response,
                redirect);
        if (!(ready instanceof Go go)) {
            return ((Page) ready).view();
        }
        try {
            var run = guidedChanges.start(ref, go.pending().loaded(), go.pending().change(),
                    GuidedMode
                        .valueOf(Objects.requireNonNull(form.mode(), "a guided start has its mode (validated before)")),
                    ReviewApprovals.auditReason(go.approval(), reason(form)), principal.getName(), go.clearance());
            approvals.sent(go.approval());
            redirect.addFlashAttribute("success", GUIDED_STARTED);
            return "redirect:/t/{target}/key-stores/{id}/runs/" + run.id();
        }
        catch (KeyStoreChangedException | KeyStoreBusyException | KeyStoreNotFoundException e) {
            approvals.after(go.approval(), false);
            return notApplied(e, go.pending(), model, response, redirect);
        }
    }

    /**
     * Asks for approval of the reviewed change (docs/approvals.md): the request pins the
     * change by its hash, and the pending change with its secrets is forgotten (the
     * executor enters them again).
     */
    @PostMapping("/t/{target}/key-stores/{id}/review/{token}/request-approval")
    String requestApproval(KeyStoreRef ref, @PathVariable String target, @PathVariable String token,
            @Valid @ModelAttribute(ApprovalRequestForm.NAME) ApprovalRequestForm requestForm, BindingResult errors,
            Model model, Principal principal, HttpSession session, RedirectAttributes redirect) {
        var pending = pendingUpdates.peek(session, principal.getName(), ref, token);
        if (pending.isEmpty()) {
            return expired(redirect).view();
        }
        boolean guided = policy.needsGuidedChange(pending.get().loaded(), pending.get().change());
        if (guided && requestForm.approvalMode() == null && !errors.hasFieldErrors("approvalMode")) {
            errors.rejectValue("approvalMode", "required", "Choose how the guided change should end.");
        }
        if (errors.hasErrors()) {
            return render(model, pending.get(), new ReviewForm(pending.get().loaded().fingerprint(), null));
        }
        try {
            var request = approvals.request(target, pending.get(), guided, requestForm, principal.getName());
            pendingUpdates.discard(session, principal.getName(), ref, token);
            redirect.addFlashAttribute("success", ReviewApprovals.REQUESTED);
            return "redirect:/t/{target}/approvals/" + request.id();
        }
        catch (ApprovalRefusedException e) {
            redirect.addFlashAttribute("failure", e.getMessage());
            return "redirect:/t/{target}/key-stores/{id}/review/{token}";
        }
    }

    /** What both confirmations post, with who posts it. */
    private record Confirmation(KeyStoreRef ref, String token, ReviewForm form, BindingResult errors,
            Principal principal, HttpSession session) {
    }

    /**
     * The result of the checks before a change is sent: a page to show instead, or go
     * ahead.
     */
    private sealed interface Ready permits Page, Go {

    }

    private record Page(String view) implements Ready {
    }

    /**
     * The pending change, now taken (it cannot be confirmed twice), and its pre-flight
     * clearance, if needed.
     */
    private record Go(PendingUpdate pending, @Nullable PreflightClearance clearance,
            @Nullable ExecutionClearance approval) implements Ready {
    }

    /**
     * The checks before a confirmed change is sent, in order: the review is still this
     * session's and shows the store as loaded; the form is valid; (for a guided change)
     * one is still needed; no other change holds the store; the XKS pre-flight check
     * passed or was overridden with a reason; a change that needs approval executes an
     * approved request or breaks the glass. Then the pending change is taken.
     */
    private Ready ready(Confirmation confirmation, boolean guided, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        var form = confirmation.form();
        var errors = confirmation.errors();
        String user = confirmation.principal().getName();
        var peeked = pendingUpdates.peek(confirmation.session(), user, confirmation.ref(), confirmation.token());
        if (peeked.isEmpty() || !peeked.get().loaded().fingerprint().equals(form.fingerprint())) {
            return expired(redirect);
        }
        if (guided && form.mode() == null && !errors.hasFieldErrors("mode")) {
            errors.rejectValue("mode", "required", "Choose how the guided change should end.");
        }
        if (errors.hasErrors()) {
            return new Page(render(model, peeked.get(), form));
        }
        if (guided && !policy.needsGuidedChange(peeked.get().loaded(), peeked.get().change())) {
            return new Page("redirect:/t/{target}/key-stores/{id}/review/{token}");
        }
        var holder = reads.changeUnderWay(confirmation.ref());
        if (holder.isPresent()) {
            return new Page(busy(holder.get(), model, response));
        }
        var decision = preflight.decide(confirmation.session(), peeked.get(), form.overrideReason());
        if (decision.blocked()) {
            errors.rejectValue(ReviewForm.OVERRIDE_REASON, "preflight", OVERRIDE_NEEDED);
            return new Page(render(model, decision.pending(), form));
        }
        var gate = approvals.gate(decision.pending(), guided, form, errors, user);
        if (gate.refused() != null) {
            redirect.addFlashAttribute("failure", gate.refused());
            pendingUpdates.discard(confirmation.session(), user, confirmation.ref(), confirmation.token());
            return new Page(gate.refusedView());
        }
        if (errors.hasErrors()) {
            return new Page(render(model, decision.pending(), form));
        }
        var taken = pendingUpdates.take(confirmation.session(), user, confirmation.ref(), confirmation.token());
        if (taken.isEmpty()) {
            approvals.after(gate.clearance(), false);
            return expired(redirect);
        }
        return new Go(taken.get(), decision.clearance(), gate.clearance());
    }

    private static Page expired(RedirectAttributes redirect) {
        redirect.addFlashAttribute("failure", EXPIRED);
        return new Page("redirect:/t/{target}/key-stores/{id}/edit");
    }

    private static String detailWith(UpdateOutcome outcome, RedirectAttributes redirect) {
        redirect.addFlashAttribute(KeyStoreDetailController.OUTCOME, outcome);
        return "redirect:/t/{target}/key-stores/{id}";
    }

    /**
     * A confirmed change that did not go through, rendered here rather than in
     * {@link KeyStorePages} since most of these pages need the pending change: the store
     * changed since it was loaded, another change holds it, the store is gone (to the
     * list), or the form again with the reason where it belongs (the field a state
     * refusal or KMS error concerns, else the summary).
     */
    private String notApplied(RuntimeException e, PendingUpdate pending, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        if (e instanceof KeyStoreChangedException changed) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("store", changed.current());
            model.addAttribute("differences", changed.differences());
            return CHANGED_VIEW;
        }
        if (e instanceof KeyStoreBusyException busy) {
            return busy(busy.holder(), model, response);
        }
        if (e instanceof UpdateNotAllowedException refusal) {
            var refused = errorsFor(pending);
            refusal.refusals()
                .forEach((property, reason) -> refused.rejectValue(fieldOf(pending, property), "state", reason));
            return editPage.render(model, refusal.current(), pending.form(), refused);
        }
        if (e instanceof KeyStoreUpdateFailedException failed) {
            return updateFailed(failed, pending, model, redirect);
        }
        if (e instanceof KeyStoreNotFoundException) {
            redirect.addFlashAttribute("failure", GONE);
            return "redirect:" + KeyStoreListController.PATH;
        }
        var notSent = errorsFor(pending);
        if (e instanceof KmsCallException kms) {
            notSent.reject(kms.failure().errorCode(),
                    "KMS could not be asked for the key store's current state (" + KmsProblem.of(kms.failure()).title()
                            + "), so the change was not sent. " + UpdateFailureMessages.TRY_AGAIN);
        }
        else {
            // ChangeNotSentException or AuditUnavailableException: the database failed
            // before anything was sent.
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            notSent.reject("databaseUnavailable", NOT_SENT);
        }
        return editPage.render(model, pending.loaded(), pending.form(), notSent);
    }

    /**
     * The "another change is under way" page, when a guided change or an edit holds the
     * store.
     */
    private static String busy(StoreLockHolder holder, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.CONFLICT.value());
        model.addAttribute("holder", holder);
        return BUSY_VIEW;
    }

    private static String appliedUnrecorded(UpdateOutcome outcome, Model model) {
        model.addAttribute("outcome", outcome);
        model.addAttribute("store", outcome.after() != null ? outcome.after() : outcome.before());
        model.addAttribute("outcomeDifferences",
                outcome.after() == null ? List.of() : PropertyDifference.between(outcome.before(), outcome.after()));
        model.addAttribute("message", APPLIED_UNRECORDED);
        return APPLIED_UNRECORDED_VIEW;
    }

    /**
     * KMS refused (or did not confirm) the update: the form again, with the error where
     * it belongs.
     */
    private String updateFailed(KeyStoreUpdateFailedException e, PendingUpdate pending, Model model,
            RedirectAttributes redirect) {
        if (e.failure().is("CustomKeyStoreNotFoundException")) {
            redirect.addFlashAttribute("failure", GONE);
            return "redirect:" + KeyStoreListController.PATH;
        }
        var errors = errorsFor(pending);
        UpdateFailureMessages.bind(e, pending.change().type(), errors);
        CustomKeyStore shown = e.current() != null ? e.current() : e.before();
        return editPage.render(model, shown, pending.form(), errors);
    }

    private String render(Model model, PendingUpdate pending, ReviewForm form) {
        var store = pending.loaded();
        var target = preflight.target(pending);
        model.addAttribute("store", store);
        model.addAttribute("token", pending.token());
        model.addAttribute("lines", ReviewLine.of(store, pending.change(), policy));
        model.addAttribute("redirectsProxy", pending.change() instanceof XksChange xks && xks.redirectsProxy());
        boolean guided = policy.needsGuidedChange(store, pending.change());
        model.addAttribute("guided", guided);
        if (guided) {
            keyImpact.add(model, KeyStoreRefResolver.current());
        }
        model.addAttribute("guidedModes", GuidedMode.values());
        model.addAttribute("preflightTarget", target.orElse(null));
        model.addAttribute("preflight", target.isPresent() ? pending.preflight() : null);
        model.addAttribute("askCurrentSecret", target.isPresent() && !target.get().credentialChanged());
        model.addAttribute("activeRun", guidedChanges.activeRun(KeyStoreRefResolver.current()).orElse(null));
        model.addAttribute("importedFrom",
                pending.importSource() == null ? null : ImportSummary.describe(pending.importSource()));
        model.addAttribute("reasonMax", ReviewForm.REASON_MAX);
        model.addAttribute(FORM, form);
        approvals.addTo(model, pending, guided);
        return VIEW;
    }

    private static @Nullable String reason(ReviewForm form) {
        return form.reason() == null || form.reason().isBlank() ? null : form.reason().strip();
    }

    private static BindingResult errorsFor(PendingUpdate pending) {
        String name = pending.form() instanceof CloudHsmUpdateForm ? EditPage.CLOUDHSM_FORM : EditPage.XKS_FORM;
        return new BeanPropertyBindingResult(pending.form(), name);
    }

    private static String fieldOf(PendingUpdate pending, UpdatableProperty property) {
        return pending.form() instanceof CloudHsmUpdateForm ? CloudHsmUpdateForm.fieldOf(property)
                : XksUpdateForm.fieldOf(property);
    }

}
