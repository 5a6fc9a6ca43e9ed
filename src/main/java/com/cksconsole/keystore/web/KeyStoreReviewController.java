package com.cksconsole.keystore.web;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.TransactionException;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.keystore.ChangeNotSentException;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreBusyException;
import com.cksconsole.keystore.KeyStoreChangedException;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KeyStoreService;
import com.cksconsole.keystore.KeyStoreUpdateFailedException;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsTargets;
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
 * The review page of a pending change and its confirmation, which applies it (a plain edit) or starts a guided
 * change (disconnect, apply, reconnect) when the change needs the store DISCONNECTED and it is CONNECTED. The
 * page and its forms know the change only by an opaque token; the secrets stay in the {@link PendingUpdateStore}.
 * A change of an external key store's proxy location or credential passes the XKS pre-flight check first, or
 * an operator overrides a failed check with a reason.
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
    static final String NOT_SENT_VIEW = "keystores/not-sent";
    static final String OVERRIDE_NEEDED = "The XKS pre-flight check did not pass, so the change was not sent. Fix "
            + "the values, run the check again, or give a reason for going on anyway.";

    private final KeyStoreService service;
    private final GuidedChangeService guidedChanges;
    private final PendingUpdateStore pendingUpdates;
    private final ReviewPreflight preflight;
    private final EditPage editPage;
    private final UpdatePolicy policy;
    private final KmsTargets targets;

    KeyStoreReviewController(KeyStoreService service, GuidedChangeService guidedChanges,
                             PendingUpdateStore pendingUpdates, ReviewPreflight preflight, EditPage editPage,
                             UpdatePolicy policy, KmsTargets targets) {
        this.targets = targets;
        this.service = service;
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

    @GetMapping("/key-stores/{id}/review/{token}")
    String review(@PathVariable String id, @PathVariable String token, Model model, Principal principal,
                  HttpSession session, RedirectAttributes redirect) {
        var pending = pendingUpdates.peek(session, principal.getName(), targets.inDefaultTarget(id), token);
        if (pending.isEmpty()) {
            redirect.addFlashAttribute("failure", EXPIRED);
            return "redirect:/key-stores/{id}/edit";
        }
        var checked = preflight.forReviewPage(session, pending.get());
        return render(model, checked, new ReviewForm(checked.loaded().fingerprint(), null));
    }

    /** Runs the XKS pre-flight check with the current secret access key the operator typed (never kept). */
    @PostMapping("/key-stores/{id}/review/{token}/preflight")
    String checkProxy(@PathVariable String id, @PathVariable String token,
                      @RequestParam(name = "currentSecret", required = false) @Nullable String currentSecret,
                      Principal principal, HttpSession session, RedirectAttributes redirect) {
        var pending = pendingUpdates.peek(session, principal.getName(), targets.inDefaultTarget(id), token);
        if (pending.isEmpty()) {
            redirect.addFlashAttribute("failure", EXPIRED);
            return "redirect:/key-stores/{id}/edit";
        }
        String secret = currentSecret == null || currentSecret.isEmpty() ? null : currentSecret;
        preflight.checkWithCurrentSecret(session, pending.get(), secret)
                .ifPresent(problem -> redirect.addFlashAttribute("failure", problem));
        return "redirect:/key-stores/{id}/review/{token}#preflight-title";
    }

    @PostMapping("/key-stores/{id}/review/{token}")
    String apply(@PathVariable String id, @PathVariable String token, @Valid @ModelAttribute(FORM) ReviewForm form,
                 BindingResult errors, Model model, Principal principal, HttpSession session,
                 HttpServletResponse response, RedirectAttributes redirect) {
        var peeked = pendingUpdates.peek(session, principal.getName(), targets.inDefaultTarget(id), token);
        if (peeked.isEmpty() || !peeked.get().loaded().fingerprint().equals(form.fingerprint())) {
            redirect.addFlashAttribute("failure", EXPIRED);
            return "redirect:/key-stores/{id}/edit";
        }
        if (errors.hasErrors()) {
            return render(model, peeked.get(), form);
        }
        var busy = busy(id, model, response);
        if (busy != null) {
            return busy;
        }
        var decision = preflight.decide(session, peeked.get(), form.overrideReason());
        if (decision.blocked()) {
            errors.rejectValue(ReviewForm.OVERRIDE_REASON, "preflight", OVERRIDE_NEEDED);
            return render(model, decision.pending(), form);
        }
        var taken = pendingUpdates.take(session, principal.getName(), targets.inDefaultTarget(id), token);
        if (taken.isEmpty()) {
            redirect.addFlashAttribute("failure", EXPIRED);
            return "redirect:/key-stores/{id}/edit";
        }
        var pending = taken.get();
        try {
            var outcome = service.apply(new UpdateCommand(pending.loaded(), pending.change(), reason(form),
                    principal.getName(), pending.importSource(),
                    decision.clearance()));
            // The detail page shows the outcome under the store's heading: no flash message to say it twice.
            if (!outcome.auditOutcomeRecorded()) {
                // Shown at once: the key store page needs the database, which has just failed.
                return appliedUnrecorded(outcome, model);
            }
            redirect.addFlashAttribute(KeyStoreDetailController.OUTCOME, outcome);
            return "redirect:/key-stores/{id}";
        } catch (KeyStoreChangedException e) {
            return changed(e, model, response);
        } catch (KeyStoreBusyException e) {
            return busyPage(e.holder(), model, response);
        } catch (UpdateNotAllowedException e) {
            var refused = errorsFor(pending);
            e.refusals().forEach((property, refusal) -> refused.rejectValue(fieldOf(pending, property), "state",
                    refusal));
            return editPage.render(model, e.current(), pending.form(), refused);
        } catch (KeyStoreUpdateFailedException e) {
            return updateFailed(e, pending, model, redirect);
        } catch (KeyStoreNotFoundException e) {
            redirect.addFlashAttribute("failure", GONE);
            return "redirect:" + KeyStoreListController.PATH;
        } catch (ChangeNotSentException | AuditUnavailableException e) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            var notSent = errorsFor(pending);
            notSent.reject("databaseUnavailable", NOT_SENT);
            return editPage.render(model, pending.loaded(), pending.form(), notSent);
        } catch (KmsCallException e) {
            var notSent = errorsFor(pending);
            notSent.reject(e.failure().errorCode(), "KMS could not be asked for the key store's current state ("
                    + KmsProblem.of(e.failure()).title() + "), so the change was not sent. "
                    + UpdateFailureMessages.TRY_AGAIN);
            return editPage.render(model, pending.loaded(), pending.form(), notSent);
        }
    }

    /** Starts a guided change: disconnect, apply, and reconnect (or leave disconnected). */
    @PostMapping("/key-stores/{id}/review/{token}/guided")
    String startGuidedChange(@PathVariable String id, @PathVariable String token,
                             @Valid @ModelAttribute(FORM) ReviewForm form, BindingResult errors, Model model,
                             Principal principal, HttpSession session, HttpServletResponse response,
                             RedirectAttributes redirect) {
        var peeked = pendingUpdates.peek(session, principal.getName(), targets.inDefaultTarget(id), token);
        if (peeked.isEmpty() || !peeked.get().loaded().fingerprint().equals(form.fingerprint())) {
            redirect.addFlashAttribute("failure", EXPIRED);
            return "redirect:/key-stores/{id}/edit";
        }
        if (form.mode() == null && !errors.hasFieldErrors("mode")) {
            errors.rejectValue("mode", "required", "Choose how the guided change should end.");
        }
        if (errors.hasErrors()) {
            return render(model, peeked.get(), form);
        }
        if (!policy.needsGuidedChange(peeked.get().loaded(), peeked.get().change())) {
            return "redirect:/key-stores/{id}/review/{token}";
        }
        var busy = busy(id, model, response);
        if (busy != null) {
            return busy;
        }
        var decision = preflight.decide(session, peeked.get(), form.overrideReason());
        if (decision.blocked()) {
            errors.rejectValue(ReviewForm.OVERRIDE_REASON, "preflight", OVERRIDE_NEEDED);
            return render(model, decision.pending(), form);
        }
        var taken = pendingUpdates.take(session, principal.getName(), targets.inDefaultTarget(id), token);
        if (taken.isEmpty()) {
            redirect.addFlashAttribute("failure", EXPIRED);
            return "redirect:/key-stores/{id}/edit";
        }
        var pending = taken.get();
        try {
            var run = guidedChanges.start(pending.loaded(), pending.change(), GuidedMode.valueOf(
                    Objects.requireNonNull(form.mode(), "a guided start has its mode (validated above)")),
                    reason(form), principal.getName(), decision.clearance());
            redirect.addFlashAttribute("success", "The guided change has started. This page follows it step by "
                    + "step.");
            return "redirect:/key-stores/{id}/runs/" + run.id();
        } catch (KeyStoreChangedException e) {
            return changed(e, model, response);
        } catch (KeyStoreBusyException e) {
            return busyPage(e.holder(), model, response);
        } catch (KeyStoreNotFoundException e) {
            redirect.addFlashAttribute("failure", GONE);
            return "redirect:" + KeyStoreListController.PATH;
        }
    }

    /**
     * The console's database failed while a change was being checked, started or applied (the change lock, the
     * audit log, a guided change's record): nothing was sent to KMS, since every write of this controller comes
     * before the KMS call it guards (an apply's outcome and lock release never fail it afterwards). A page that
     * needs no database says so.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class, AuditUnavailableException.class})
    String databaseUnavailable(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("id") instanceof String id) {
            model.addAttribute("storeId", id);
        }
        model.addAttribute("message", NOT_SENT);
        return NOT_SENT_VIEW;
    }

    /** The "another change is under way" page, when a guided change or an edit holds the store; else null. */
    private @Nullable String busy(String id, Model model, HttpServletResponse response) {
        var holder = service.changeUnderWay(targets.inDefaultTarget(id));
        return holder.isEmpty() ? null : busyPage(holder.get(), model, response);
    }

    static String busyPage(StoreLockHolder holder, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.CONFLICT.value());
        model.addAttribute("holder", holder);
        return BUSY_VIEW;
    }

    private static String appliedUnrecorded(UpdateOutcome outcome, Model model) {
        model.addAttribute("outcome", outcome);
        model.addAttribute("store", outcome.after() != null ? outcome.after() : outcome.before());
        model.addAttribute("outcomeDifferences", outcome.after() == null ? List.of()
                : PropertyDifference.between(outcome.before(), outcome.after()));
        model.addAttribute("message", APPLIED_UNRECORDED);
        return APPLIED_UNRECORDED_VIEW;
    }

    private static String changed(KeyStoreChangedException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.CONFLICT.value());
        model.addAttribute("store", e.current());
        model.addAttribute("differences", e.differences());
        return CHANGED_VIEW;
    }

    /**
     * "Cancel" ({@code then=detail}) and "Start over" ({@code then=edit}) on the review page: the pending change,
     * with any secret in it (typed or imported), is forgotten at once rather than when it expires.
     */
    @PostMapping("/key-stores/{id}/review/{token}/cancel")
    String cancel(@PathVariable String id, @PathVariable String token,
                  @RequestParam(name = "then", defaultValue = "detail") String then, Principal principal,
                  HttpSession session, RedirectAttributes redirect) {
        pendingUpdates.discard(session, principal.getName(), targets.inDefaultTarget(id), token);
        if ("edit".equals(then)) {
            return "redirect:/key-stores/{id}/edit";
        }
        redirect.addFlashAttribute("success", XksImportController.CANCELLED);
        return "redirect:/key-stores/{id}";
    }

    /** KMS refused (or did not confirm) the update: the form again, with the error where it belongs. */
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
        model.addAttribute("guided", policy.needsGuidedChange(store, pending.change()));
        model.addAttribute("guidedModes", GuidedMode.values());
        model.addAttribute("preflightTarget", target.orElse(null));
        model.addAttribute("preflight", target.isPresent() ? pending.preflight() : null);
        model.addAttribute("askCurrentSecret", target.isPresent() && !target.get().credentialChanged());
        model.addAttribute("activeRun", guidedChanges.activeRun(targets.inDefaultTarget(store.id())).orElse(null));
        model.addAttribute("importedFrom", pending.importSource() == null ? null
                : ImportSummary.describe(pending.importSource()));
        model.addAttribute(FORM, form);
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
        return pending.form() instanceof CloudHsmUpdateForm
                ? CloudHsmUpdateForm.fieldOf(property)
                : XksUpdateForm.fieldOf(property);
    }
}
