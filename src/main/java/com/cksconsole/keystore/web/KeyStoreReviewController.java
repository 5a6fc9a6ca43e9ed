package com.cksconsole.keystore.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

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

import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreChangedException;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KeyStoreService;
import com.cksconsole.keystore.KeyStoreUpdateFailedException;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.UpdatableProperty;
import com.cksconsole.keystore.UpdateCommand;
import com.cksconsole.keystore.UpdateNotAllowedException;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.XksChange;

/**
 * The review page of a pending change and its confirmation, which applies it. The page and its form know
 * the change only by an opaque token; the secrets stay in the {@link PendingUpdateStore}.
 */
@Controller
@PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
class KeyStoreReviewController {

    static final String VIEW = "keystores/review";
    static final String CHANGED_VIEW = "keystores/changed";
    static final String FORM = "reviewForm";
    static final String EXPIRED = "This review has expired or was already used. Nothing was changed: make the "
            + "change again.";
    static final String GONE = "The key store no longer exists in KMS. Nothing was changed.";
    static final String APPLIED = "KMS accepted the change. Changes can take up to five minutes to take full effect.";

    private final KeyStoreService service;
    private final PendingUpdateStore pendingUpdates;
    private final EditPage editPage;
    private final UpdatePolicy policy;

    KeyStoreReviewController(KeyStoreService service, PendingUpdateStore pendingUpdates, EditPage editPage,
                             UpdatePolicy policy) {
        this.service = service;
        this.pendingUpdates = pendingUpdates;
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
        var pending = pendingUpdates.peek(session, principal.getName(), id, token);
        if (pending.isEmpty()) {
            redirect.addFlashAttribute("failure", EXPIRED);
            return "redirect:/key-stores/{id}/edit";
        }
        return render(model, pending.get(), new ReviewForm(pending.get().loaded().fingerprint(), null));
    }

    @PostMapping("/key-stores/{id}/review/{token}")
    String apply(@PathVariable String id, @PathVariable String token, @Valid @ModelAttribute(FORM) ReviewForm form,
                 BindingResult errors, Model model, Principal principal, HttpSession session,
                 HttpServletResponse response, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            var pending = pendingUpdates.peek(session, principal.getName(), id, token);
            if (pending.isPresent()) {
                return render(model, pending.get(), form);
            }
        }
        var taken = pendingUpdates.take(session, principal.getName(), id, token);
        if (taken.isEmpty() || !taken.get().loaded().fingerprint().equals(form.fingerprint())) {
            redirect.addFlashAttribute("failure", EXPIRED);
            return "redirect:/key-stores/{id}/edit";
        }
        var pending = taken.get();
        String reason = form.reason() == null || form.reason().isBlank() ? null : form.reason().strip();
        try {
            var outcome = service.apply(new UpdateCommand(pending.loaded(), pending.change(), reason,
                    principal.getName(), ImportSummary.recordableOrNull(pending.importSource())));
            redirect.addFlashAttribute(KeyStoreDetailController.OUTCOME, outcome);
            redirect.addFlashAttribute("success", APPLIED);
            return "redirect:/key-stores/{id}";
        } catch (KeyStoreChangedException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("store", e.current());
            model.addAttribute("differences", e.differences());
            return CHANGED_VIEW;
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
        } catch (AuditUnavailableException e) {
            var notSent = errorsFor(pending);
            notSent.reject("auditUnavailable", AuditUnavailableException.OPERATOR_MESSAGE);
            return editPage.render(model, pending.loaded(), pending.form(), notSent);
        } catch (KmsCallException e) {
            var notSent = errorsFor(pending);
            notSent.reject(e.failure().errorCode(), "KMS could not be asked for the key store's current state ("
                    + KmsProblem.of(e.failure()).title() + "), so the change was not sent. "
                    + UpdateFailureMessages.TRY_AGAIN);
            return editPage.render(model, pending.loaded(), pending.form(), notSent);
        }
    }

    /**
     * "Cancel" ({@code then=detail}) and "Start over" ({@code then=edit}) on the review page: the pending change,
     * with any secret in it (typed or imported), is forgotten at once rather than when it expires.
     */
    @PostMapping("/key-stores/{id}/review/{token}/cancel")
    String cancel(@PathVariable String id, @PathVariable String token,
                  @RequestParam(name = "then", defaultValue = "detail") String then, Principal principal,
                  HttpSession session, RedirectAttributes redirect) {
        pendingUpdates.discard(session, principal.getName(), id, token);
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
        model.addAttribute("store", pending.loaded());
        model.addAttribute("token", pending.token());
        model.addAttribute("lines", ReviewLine.of(pending.loaded(), pending.change(), policy));
        model.addAttribute("redirectsProxy", pending.change() instanceof XksChange xks && xks.redirectsProxy());
        model.addAttribute("importedFrom", pending.importSource() == null ? null
                : ImportSummary.describe(pending.importSource()));
        model.addAttribute(FORM, form);
        return VIEW;
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
