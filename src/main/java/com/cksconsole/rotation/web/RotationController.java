package com.cksconsole.rotation.web;

import java.security.Principal;
import java.time.Clock;
import java.util.Objects;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.security.core.context.SecurityContextHolder;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

import com.cksconsole.approval.ApprovalRefusedException;
import com.cksconsole.approval.Approvals;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.Secret;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.rotation.CredentialRotations;
import com.cksconsole.rotation.RotationRefusedException;
import com.cksconsole.rotation.RotationRun;

/**
 * A store's credential rotation: the start page ("Rotate now"), the run's page, the proxy
 * configuration file (once), and the operator's confirmations. Every change is a POST
 * with CSRF and the change right on the target; each answers with a redirect back to the
 * run's page and a message (PRG).
 */
@Controller
class RotationController {

    static final String NEW_VIEW = "rotation/new";

    static final String RUN_VIEW = "rotation/run";

    private static final String TO_RUN = "redirect:/t/{target}/key-stores/{id}/rotations/{runId}";

    private final CredentialRotations rotations;

    private final KeyStoreReads reads;

    private final Clock clock;

    private final RotationApprovals rotationApprovals;

    private final Approvals approvals;

    RotationController(CredentialRotations rotations, KeyStoreReads reads, Clock clock,
            RotationApprovals rotationApprovals, Approvals approvals) {
        this.rotationApprovals = rotationApprovals;
        this.approvals = approvals;
        this.rotations = rotations;
        this.reads = reads;
        this.clock = clock;
    }

    @InitBinder(StartForm.NAME)
    void bindStart(WebDataBinder binder) {
        binder.setAllowedFields(StartForm.ALLOWED_FIELDS);
        EmptyInputAsNull.register(binder);
    }

    @InitBinder(RetireForm.NAME)
    void bindRetire(WebDataBinder binder) {
        binder.setAllowedFields(RetireForm.ALLOWED_FIELDS);
        EmptyInputAsNull.register(binder);
    }

    @InitBinder(SecretForm.NAME)
    void bindSecret(WebDataBinder binder) {
        binder.setAllowedFields(SecretForm.ALLOWED_FIELDS);
        EmptyInputAsNull.register(binder);
    }

    @GetMapping("/t/{target}/key-stores/{id}/rotations/new")
    @PreAuthorize(RotationPages.MAY_CHANGE)
    String newRotation(KeyStoreRef ref, @PathVariable String target, Model model) {
        var active = rotations.active(ref);
        if (active.isPresent()) {
            return "redirect:/t/{target}/key-stores/{id}/rotations/" + active.get().id();
        }
        return startPage(ref, target, reads.find(ref).store(), StartForm.empty(), model);
    }

    @PostMapping("/t/{target}/key-stores/{id}/rotations")
    @PreAuthorize(RotationPages.MAY_CHANGE)
    String start(KeyStoreRef ref, @PathVariable String target, @Valid @ModelAttribute(StartForm.NAME) StartForm form,
            BindingResult errors,
            @RequestParam(name = "breakGlassReason", required = false) @Nullable String breakGlass, Model model,
            Principal principal) {
        CustomKeyStore store = reads.find(ref).store();
        if (form.own() && blank(form.accessKeyId()) && !errors.hasFieldErrors("accessKeyId")) {
            errors.rejectValue("accessKeyId", "required", StartForm.ACCESS_KEY_ID_RULE);
        }
        if (form.own() && blank(form.secretAccessKey()) && !errors.hasFieldErrors("secretAccessKey")) {
            errors.rejectValue("secretAccessKey", "required", StartForm.SECRET_RULE);
        }
        String reason = form.reason();
        if (!errors.hasErrors() && rotationApprovals.requirement(target, store).isPresent()) {
            // Under an approval policy: only by break glass (an approved rotation starts
            // on
            // its own page).
            try {
                reason = approvals
                    .breakGlass(rotationApprovals.describe(target, store, form.own() ? form.accessKeyId() : null,
                            form.own() ? form.secretAccessKey() : null), principal.getName(), breakGlass)
                    .auditNote() + (reason == null ? "" : ". " + reason);
            }
            catch (ApprovalRefusedException e) {
                errors.reject("approval", Objects.toString(e.getMessage()));
            }
        }
        if (!errors.hasErrors()) {
            try {
                var run = rotations.start(ref, principal.getName(), reason, form.typed());
                return "redirect:/t/{target}/key-stores/{id}/rotations/" + run.id();
            }
            catch (RotationRefusedException refused) {
                if (refused.field().isEmpty()) {
                    errors.reject("refused", Objects.requireNonNull(refused.getMessage()));
                }
                else {
                    errors.rejectValue(refused.field(), "refused", Objects.requireNonNull(refused.getMessage()));
                }
            }
        }
        // The form again, its secret never rendered back (the template's password input
        // is
        // always empty).
        return startPage(ref, target, store, form, model);
    }

    /**
     * Asks for approval of a rotation (docs/approvals.md): a generated credential, or the
     * operator's own (its secret only as a fingerprint; it is entered again to start).
     */
    @PostMapping("/t/{target}/key-stores/{id}/rotations/request-approval")
    @PreAuthorize(RotationPages.MAY_CHANGE)
    String requestApproval(KeyStoreRef ref, @PathVariable String target,
            @Valid @ModelAttribute(StartForm.NAME) StartForm form, BindingResult errors,
            @RequestParam(name = "approvalReason", required = false) @Nullable String approvalReason, Model model,
            Principal principal, RedirectAttributes redirect) {
        CustomKeyStore store = reads.describeNow(ref);
        if (form.own() && (form.accessKeyId() == null || form.secretAccessKey() == null) && !errors.hasErrors()) {
            errors.reject("own",
                    "Give your own access key ID and secret access key, or let the console generate " + "them.");
        }
        if (!errors.hasErrors()) {
            try {
                var request = approvals.request(rotationApprovals.describe(target, store,
                        form.own() ? form.accessKeyId() : null, form.own() ? form.secretAccessKey() : null),
                        principal.getName(), approvalReason);
                redirect.addFlashAttribute("success", "Approval requested. Nothing was changed, and a secret access "
                        + "key you typed was not kept: you enter it again to start the approved rotation.");
                return "redirect:/t/{target}/approvals/" + request.id();
            }
            catch (ApprovalRefusedException e) {
                errors.reject("approval", Objects.toString(e.getMessage()));
            }
        }
        model.addAttribute("approvalReason", approvalReason);
        return startPage(ref, target, store, form.withoutSecret(), model);
    }

    private String startPage(KeyStoreRef ref, String target, CustomKeyStore store, StartForm form, Model model) {
        var requirement = rotationApprovals.requirement(target, store);
        model.addAttribute("approvalRequirement", requirement.orElse(null));
        model.addAttribute("breakGlass", requirement.isPresent() && approvals.holdsBreakGlass(currentUser()));
        model.addAttribute("store", store);
        model.addAttribute("base", base(target, ref));
        model.addAttribute("properties", rotations.properties());
        model.addAttribute("recent", rotations.recent(ref));
        if (!model.containsAttribute(StartForm.NAME)) {
            model.addAttribute(StartForm.NAME, form);
        }
        return NEW_VIEW;
    }

    @GetMapping("/t/{target}/key-stores/{id}/rotations/{runId}")
    String run(KeyStoreRef ref, @PathVariable String target, @PathVariable String runId, Model model) {
        return runPage(ref, target, find(ref, runId), model);
    }

    private String runPage(KeyStoreRef ref, String target, RotationRun run, Model model) {
        model.addAttribute("run", run);
        model.addAttribute("view", RunView.of(run, clock.instant()));
        model.addAttribute("base", base(target, ref) + "/rotations/" + run.id());
        model.addAttribute("storeBase", base(target, ref));
        model.addAttribute("knowsOldSecret", rotations.knowsOldSecret(run));
        if (!model.containsAttribute(RetireForm.NAME)) {
            model.addAttribute(RetireForm.NAME, RetireForm.empty());
        }
        if (!model.containsAttribute(SecretForm.NAME)) {
            model.addAttribute(SecretForm.NAME, new SecretForm(null));
        }
        if (run.status().driven()) {
            model.addAttribute("autoRefreshSeconds", 5);
        }
        return RUN_VIEW;
    }

    /**
     * The proxy configuration file with the new credential: once. A second request gets
     * the run's page with a message.
     */
    @PostMapping("/t/{target}/key-stores/{id}/rotations/{runId}/configuration")
    @PreAuthorize(RotationPages.MAY_CHANGE)
    Object configuration(KeyStoreRef ref, @PathVariable String runId, Principal principal,
            RedirectAttributes redirect) {
        var run = find(ref, runId);
        try {
            var file = rotations.downloadConfiguration(run, principal.getName());
            if (file.isPresent()) {
                return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .header(HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment()
                                .filename(rotations.configurationFileName(run))
                                .build()
                                .toString())
                    .body(file.get());
            }
            redirect.addFlashAttribute("failure", "The proxy configuration file was downloaded already: the console "
                    + "gives the new secret out once. If it is lost, cancel this rotation and start a new one.");
        }
        catch (RotationRefusedException refused) {
            redirect.addFlashAttribute("failure", refused.getMessage());
        }
        return TO_RUN;
    }

    @PostMapping("/t/{target}/key-stores/{id}/rotations/{runId}/installed")
    @PreAuthorize(RotationPages.MAY_CHANGE)
    String installed(KeyStoreRef ref, @PathVariable String runId, Principal principal, RedirectAttributes redirect) {
        return act(ref, runId, redirect, "The console now checks that the proxy accepts the new credential.",
                run -> rotations.confirmInstalled(run, principal.getName()));
    }

    @PostMapping("/t/{target}/key-stores/{id}/rotations/{runId}/cancel")
    @PreAuthorize(RotationPages.MAY_CHANGE)
    String cancel(KeyStoreRef ref, @PathVariable String runId, Principal principal, RedirectAttributes redirect) {
        return act(ref, runId, redirect, "The rotation was cancelled: nothing was changed at KMS.",
                run -> rotations.cancel(run, principal.getName()));
    }

    @PostMapping("/t/{target}/key-stores/{id}/rotations/{runId}/watch-again")
    @PreAuthorize(RotationPages.MAY_CHANGE)
    String watchAgain(KeyStoreRef ref, @PathVariable String runId, Principal principal, RedirectAttributes redirect) {
        return act(ref, runId, redirect, "The console watches the key store again.",
                run -> rotations.watchAgain(run, principal.getName()));
    }

    @PostMapping("/t/{target}/key-stores/{id}/rotations/{runId}/leave-both-active")
    @PreAuthorize(RotationPages.MAY_CHANGE)
    String leaveBothActive(KeyStoreRef ref, @PathVariable String runId, Principal principal,
            RedirectAttributes redirect) {
        return act(ref, runId, redirect, "The rotation stopped: both credentials stay active on the proxy.",
                run -> rotations.leaveBothActive(run, principal.getName()));
    }

    /**
     * The new secret again, after a restart lost it. On an error the run's page comes
     * back at once (no redirect: the typed value never goes into the session), its field
     * empty.
     */
    @PostMapping("/t/{target}/key-stores/{id}/rotations/{runId}/secret")
    @PreAuthorize(RotationPages.MAY_CHANGE)
    String secret(KeyStoreRef ref, @PathVariable String target, @PathVariable String runId,
            @Valid @ModelAttribute(SecretForm.NAME) SecretForm form, BindingResult errors, Model model,
            Principal principal, RedirectAttributes redirect) {
        var run = find(ref, runId);
        if (!errors.hasErrors()) {
            try {
                rotations.provideSecret(run, principal.getName(), Secret.of(Objects.requireNonNull(form.secret())));
                redirect.addFlashAttribute("success", "The rotation goes on.");
                return TO_RUN;
            }
            catch (RotationRefusedException refused) {
                errors.rejectValue("secret", "refused", Objects.requireNonNull(refused.getMessage()));
            }
        }
        return runPage(ref, target, run, model);
    }

    @PostMapping("/t/{target}/key-stores/{id}/rotations/{runId}/retire")
    @PreAuthorize(RotationPages.MAY_CHANGE)
    String retire(KeyStoreRef ref, @PathVariable String target, @PathVariable String runId,
            @Valid @ModelAttribute(RetireForm.NAME) RetireForm form, BindingResult errors, Model model,
            Principal principal, RedirectAttributes redirect) {
        var run = find(ref, runId);
        if (!errors.hasErrors()) {
            try {
                String old = form.oldSecret();
                rotations.confirmRetired(run, principal.getName(), old == null || old.isBlank() ? null : Secret.of(old),
                        Boolean.TRUE.equals(form.withoutProof()));
                redirect.addFlashAttribute("success", "The rotation is complete.");
                return TO_RUN;
            }
            catch (RotationRefusedException refused) {
                if (refused.field().isEmpty()) {
                    errors.reject("refused", Objects.requireNonNull(refused.getMessage()));
                }
                else {
                    errors.rejectValue(refused.field(), "refused", Objects.requireNonNull(refused.getMessage()));
                }
            }
        }
        // The page again at once (no redirect: the old secret never goes into the
        // session),
        // with the errors next to their fields; the template never renders the secret
        // back.
        return runPage(ref, target, find(ref, runId), model);
    }

    private String act(KeyStoreRef ref, String runId, RedirectAttributes redirect, String success,
            java.util.function.Consumer<RotationRun> action) {
        var run = find(ref, runId);
        try {
            action.accept(run);
            redirect.addFlashAttribute("success", success);
        }
        catch (RotationRefusedException refused) {
            redirect.addFlashAttribute("failure", refused.getMessage());
        }
        return TO_RUN;
    }

    private RotationRun find(KeyStoreRef ref, String runId) {
        return rotations.find(ref, runId).orElseThrow(() -> new RotationNotFoundException(runId));
    }

    /** {@code /t/<target>/key-stores/<id>}: the store's pages. */
    private static String currentUser() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "" : authentication.getName();
    }

    private static String base(String target, KeyStoreRef ref) {
        return "/t/" + target + "/key-stores/" + ref.keyStoreId();
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

}
