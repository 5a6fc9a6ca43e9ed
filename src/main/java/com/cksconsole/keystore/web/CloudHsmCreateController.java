package com.cksconsole.keystore.web;

import java.io.IOException;
import java.security.Principal;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.keystore.CreateStep;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.TargetNotUsableException;
import com.cksconsole.keystore.TrustAnchor;
import com.cksconsole.keystore.web.CloudHsmCreateForms.ClusterForm;
import com.cksconsole.keystore.web.CloudHsmCreateForms.PasswordForm;
import com.cksconsole.keystore.web.XksCreateForms.CreateForm;
import com.cksconsole.keystore.web.XksCreateForms.NameForm;
import com.cksconsole.targets.Target;

/**
 * The CloudHSM key store wizard (CreateCustomKeyStore with AWS_CLOUDHSM): name, cluster,
 * trust anchor, {@code kmsuser} password, review and create. Built like the external
 * wizard ({@link XksCreateController}): one page per step working without JavaScript, the
 * values on the server ({@link CloudHsmDraftStore}), PRG with flashed errors, a one-use
 * token on the create button; what each step decides is in {@link CloudHsmCreateSteps}.
 * OPERATOR and ADMIN with the right to change the target only.
 */
@Controller
@PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
@RequestMapping(CloudHsmCreateController.BASE)
class CloudHsmCreateController {

    static final String BASE = "/t/{target}/key-stores/new/cloudhsm";

    private final KmsTargets targets;

    private final CloudHsmDraftStore drafts;

    private final CloudHsmCreateSteps steps;

    CloudHsmCreateController(KmsTargets targets, CloudHsmDraftStore drafts, CloudHsmCreateSteps steps) {
        this.targets = targets;
        this.drafts = drafts;
        this.steps = steps;
    }

    @InitBinder({ "nameForm", "clusterForm", "passwordForm", "createForm" })
    void bind(WebDataBinder binder) {
        EmptyInputAsNull.register(binder);
    }

    @GetMapping
    String start(@PathVariable String target, HttpSession session, Principal user) {
        Target chosen = usable(target);
        var draft = drafts.start(session, user.getName(), target, chosen.kmsTarget());
        return "redirect:" + steps.url(draft, CreateStep.NAME);
    }

    @GetMapping({ "/{draft}/name", "/{draft}/cluster", "/{draft}/trust-anchor", "/{draft}/password",
            "/{draft}/review" })
    String show(@PathVariable String target, @PathVariable("draft") String id, HttpServletRequest request,
            HttpSession session, Principal user, Model model, RedirectAttributes redirect) {
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return CreateWizardPages.expired(target, redirect);
        }
        var step = CreateWizardPages.step(CloudHsmCreateSteps.STEPS, request.getRequestURI());
        return steps.page(session, draft, step, usable(target), model);
    }

    @PostMapping("/{draft}/name")
    String name(@PathVariable String target, @PathVariable("draft") String id, @Valid NameForm nameForm,
            BindingResult result, HttpSession session, Principal user, RedirectAttributes redirect) {
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return CreateWizardPages.expired(target, redirect);
        }
        if (!result.hasErrors()) {
            steps.nameProblems(draft, nameForm, result);
        }
        if (result.hasErrors()) {
            return CreateWizardPages.back(steps.url(draft, CreateStep.NAME), "nameForm", nameForm, result, redirect);
        }
        var updated = drafts.update(session, draft,
                d -> d.withName(Objects.requireNonNull(nameForm.customKeyStoreName())));
        return "redirect:" + steps.url(updated, CreateStep.CLUSTER);
    }

    @PostMapping("/{draft}/cluster")
    String cluster(@PathVariable String target, @PathVariable("draft") String id, @Valid ClusterForm clusterForm,
            BindingResult result, HttpSession session, Principal user, RedirectAttributes redirect) {
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return CreateWizardPages.expired(target, redirect);
        }
        if (!result.hasErrors()) {
            steps.clusterProblems(draft, clusterForm, result);
        }
        if (result.hasErrors()) {
            return CreateWizardPages.back(steps.url(draft, CreateStep.CLUSTER), "clusterForm", clusterForm, result,
                    redirect);
        }
        var updated = drafts.update(session, draft,
                d -> d.withCluster(Objects.requireNonNull(clusterForm.cloudHsmClusterId())));
        return "redirect:" + steps.url(updated, CreateStep.TRUST_ANCHOR);
    }

    @PostMapping("/{draft}/trust-anchor")
    String trustAnchor(@PathVariable String target, @PathVariable("draft") String id,
            @RequestParam(name = "file", required = false) @Nullable MultipartFile file, HttpSession session,
            Principal user, RedirectAttributes redirect) throws IOException {
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return CreateWizardPages.expired(target, redirect);
        }
        if (file != null && file.getSize() > TrustAnchor.MAX_BYTES) {
            // Checked before reading: a large upload is refused without holding it.
            return steps.trustAnchorRefused(draft, TrustAnchor.Problem.TOO_LARGE.sentence(), redirect);
        }
        String problem = steps.acceptTrustAnchor(session, draft, file == null ? null : file.getBytes(),
                file == null ? 0 : file.getSize());
        if (problem != null) {
            return steps.trustAnchorRefused(draft, problem, redirect);
        }
        return "redirect:" + steps.url(draft, CreateStep.PASSWORD);
    }

    @PostMapping("/{draft}/password")
    String password(@PathVariable String target, @PathVariable("draft") String id, @Valid PasswordForm passwordForm,
            BindingResult result, HttpSession session, Principal user, RedirectAttributes redirect) {
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return CreateWizardPages.expired(target, redirect);
        }
        if (result.hasErrors()) {
            return steps.passwordRefused(draft, result, redirect);
        }
        return "redirect:" + steps.url(steps.holdPassword(session, draft, passwordForm), CreateStep.REVIEW);
    }

    @PostMapping("/{draft}/create")
    String create(@PathVariable String target, @PathVariable("draft") String id, @Valid CreateForm createForm,
            BindingResult result, @RequestParam(required = false) @Nullable String breakGlassReason,
            HttpSession session, Principal user, RedirectAttributes redirect) {
        var created = drafts.created(session, id);
        if (created.isPresent()) {
            redirect.addFlashAttribute("failure", CreateWizardPages.TOKEN_USED);
            return "redirect:" + targets.storePath(created.get());
        }
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return CreateWizardPages.expired(target, redirect);
        }
        if (createForm.formToken() == null || !drafts.useToken(session, draft, createForm.formToken())) {
            redirect.addFlashAttribute("failure", CreateWizardPages.TOKEN_USED);
            return "redirect:" + steps.url(draft, CreateStep.REVIEW);
        }
        return steps.create(session, draft, user.getName(), breakGlassReason, redirect);
    }

    /**
     * Under an approval policy (docs/approvals.md): asks for approval of the reviewed
     * store instead of creating it; the wizard and its password are then discarded.
     */
    @PostMapping("/{draft}/request-approval")
    String requestApproval(@PathVariable String target, @PathVariable("draft") String id,
            @RequestParam(required = false) @Nullable String reason, HttpSession session, Principal user,
            RedirectAttributes redirect) {
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return CreateWizardPages.expired(target, redirect);
        }
        return steps.requestApproval(session, draft, user.getName(), reason, redirect);
    }

    @PostMapping("/{draft}/cancel")
    String cancel(@PathVariable String target, @PathVariable("draft") String id, HttpSession session, Principal user) {
        drafts.find(session, user.getName(), target, id).ifPresent(draft -> drafts.discard(session, draft.id()));
        return "redirect:/t/" + target + "/key-stores";
    }

    private Target usable(String target) {
        return targets.find(target).orElseThrow(() -> new TargetNotUsableException(target));
    }

}
