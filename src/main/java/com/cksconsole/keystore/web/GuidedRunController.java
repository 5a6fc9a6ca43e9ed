package com.cksconsole.keystore.web;

import java.security.Principal;
import java.time.Clock;
import java.util.Objects;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
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
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.keystore.ConnectionErrorExplanation;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.guided.GuidedChangeService;
import com.cksconsole.keystore.guided.GuidedRun;
import com.cksconsole.keystore.guided.GuidedRunRefusedException;

/**
 * The status page of a guided change (its steps as they progress, and where it stopped
 * with what to do), the small JSON view the page's script polls, and the operator's
 * requests: cancel (before the update), leave the store disconnected (before the
 * connect), give the secret again (after a restart).
 */
@Controller
class GuidedRunController {

    static final String VIEW = "keystores/run";

    private final GuidedChangeService guidedChanges;

    private final KeyStoreReads service;

    private final Clock clock;

    GuidedRunController(GuidedChangeService guidedChanges, KeyStoreReads service, Clock clock) {
        this.guidedChanges = guidedChanges;
        this.service = service;
        this.clock = clock;
    }

    @GetMapping("/t/{target}/key-stores/{id}/runs/{runId}")
    String status(KeyStoreRef ref, @PathVariable String runId, Model model) {
        var run = find(ref, runId);
        var store = storeNow(ref);
        var progress = RunProgress.of(run, store, clock.instant());
        model.addAttribute("run", run);
        model.addAttribute("progress", progress);
        model.addAttribute("changes", run.changedValues());
        model.addAttribute("store", store); // null: the run's own record still shows
                                            // where it stands
        if (store != null && store.connectionErrorCode() != null) {
            model.addAttribute("explanation", ConnectionErrorExplanation.of(store.connectionErrorCode(), store.type()));
        }
        if (progress.follow()) {
            model.addAttribute("autoRefreshSeconds", KeyStoreDetailController.REFRESH_SECONDS);
        }
        if (!model.containsAttribute(RunSecretForm.NAME)) {
            model.addAttribute(RunSecretForm.NAME, new RunSecretForm(null));
        }
        return VIEW;
    }

    /**
     * The same view of the run and its store as the page, for the page's script: one JSON
     * drives every part.
     */
    @GetMapping(path = "/t/{target}/key-stores/{id}/runs/{runId}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    RunProgress progress(KeyStoreRef ref, @PathVariable String runId, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        var run = find(ref, runId);
        return RunProgress.of(run, storeNow(ref), clock.instant());
    }

    /**
     * The store from the shared snapshot (polling costs KMS nothing extra); null when KMS
     * cannot say now.
     */
    private @Nullable CustomKeyStore storeNow(KeyStoreRef ref) {
        try {
            return service.find(ref).store();
        }
        catch (KmsCallException | KeyStoreNotFoundException kmsCannotSay) {
            return null;
        }
    }

    @PostMapping("/t/{target}/key-stores/{id}/runs/{runId}/cancel")
    @PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
    String cancel(KeyStoreRef ref, @PathVariable String runId, Principal principal, RedirectAttributes redirect) {
        var run = find(ref, runId);
        try {
            guidedChanges.cancel(run, principal.getName());
            redirect.addFlashAttribute("success", run.stepDone(com.cksconsole.keystore.guided.StepName.DISCONNECT)
                    ? "Cancelling: the update will not be sent." : "Cancelling: nothing will be sent to KMS.");
        }
        catch (GuidedRunRefusedException e) {
            redirect.addFlashAttribute("failure", e.explanation());
        }
        return "redirect:/t/{target}/key-stores/{id}/runs/{runId}";
    }

    @PostMapping("/t/{target}/key-stores/{id}/runs/{runId}/leave-disconnected")
    @PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
    String leaveDisconnected(KeyStoreRef ref, @PathVariable String runId, Principal principal,
            RedirectAttributes redirect) {
        var run = find(ref, runId);
        try {
            guidedChanges.leaveDisconnected(run, principal.getName());
            redirect.addFlashAttribute("success", "The key store will be left DISCONNECTED after the update.");
        }
        catch (GuidedRunRefusedException e) {
            redirect.addFlashAttribute("failure", e.explanation());
        }
        return "redirect:/t/{target}/key-stores/{id}/runs/{runId}";
    }

    @InitBinder(RunSecretForm.NAME)
    void bindRunSecret(WebDataBinder binder) {
        binder.setAllowedFields(RunSecretForm.ALLOWED_FIELDS);
    }

    /**
     * The secret again, after a restart; held in memory for the run only, never rendered
     * back. A missing one comes back next to its field after the redirect (the errors
     * hold no secret: there is none).
     */
    @PostMapping("/t/{target}/key-stores/{id}/runs/{runId}/secret")
    @PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
    String provideSecret(KeyStoreRef ref, @PathVariable String runId,
            @Valid @ModelAttribute(RunSecretForm.NAME) RunSecretForm form, BindingResult errors, Principal principal,
            RedirectAttributes redirect) {
        var run = find(ref, runId);
        if (errors.hasErrors()) {
            // The form with its errors (the same object: Spring keeps errors only with
            // their own target).
            redirect.addFlashAttribute(RunSecretForm.NAME, Objects.requireNonNull(errors.getTarget()));
            redirect.addFlashAttribute(BindingResult.MODEL_KEY_PREFIX + RunSecretForm.NAME, errors);
            return "redirect:/t/{target}/key-stores/{id}/runs/{runId}";
        }
        try {
            guidedChanges.provideSecret(run, principal.getName(), Objects.requireNonNull(form.secret(), "validated"))
                .ifPresentOrElse(problem -> redirect.addFlashAttribute("failure", problem),
                        () -> redirect.addFlashAttribute("success", "The change goes on."));
        }
        catch (GuidedRunRefusedException e) {
            redirect.addFlashAttribute("failure", e.explanation());
        }
        return "redirect:/t/{target}/key-stores/{id}/runs/{runId}";
    }

    private GuidedRun find(KeyStoreRef ref, String runId) {
        return guidedChanges.find(ref, runId).orElseThrow(() -> new GuidedRunNotFoundException(ref.keyStoreId()));
    }

}
