package com.cksconsole.keystore.web;

import java.util.List;
import java.util.Objects;

import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.approval.ApprovalRefusedException;
import com.cksconsole.keystore.CreateProblem;
import com.cksconsole.keystore.CreateStep;
import com.cksconsole.keystore.KeyStoreCreation;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.PreflightClearance;
import com.cksconsole.keystore.web.XksCreateForms.ConnectivityForm;
import com.cksconsole.keystore.web.XksCreateForms.CreateForm;
import com.cksconsole.keystore.web.XksCreateForms.NameForm;
import com.cksconsole.keystore.web.XksCreateForms.ProxyForm;
import com.cksconsole.targets.Target;

/**
 * What the external key store wizard's pages decide, so that its controller's handlers
 * stay short: each step's page model (prefilled from the draft, with the problems another
 * step found on its fields), the pre-flight, and the create with its outcomes mapped back
 * to the step they concern.
 */
@Component
class XksCreateSteps {

    static final List<CreateStep> STEPS = List.of(CreateStep.NAME, CreateStep.CONNECTIVITY, CreateStep.PROXY,
            CreateStep.PREFLIGHT, CreateStep.REVIEW);

    private static final List<String> LABELS = List.of("Name", "Connectivity", "Proxy", "Pre-flight", "Review");

    private final KeyStoreCreation creation;

    private final XksDraftStore drafts;

    private final KmsTargets targets;

    private final CreateApprovals approvals;

    XksCreateSteps(KeyStoreCreation creation, XksDraftStore drafts, KmsTargets targets, CreateApprovals approvals) {
        this.creation = creation;
        this.drafts = drafts;
        this.targets = targets;
        this.approvals = approvals;
    }

    String url(XksDraft draft, CreateStep step) {
        return "/t/" + draft.targetName() + "/key-stores/new/xks/" + draft.id() + "/" + step.slug();
    }

    /** The review step's form, flashed back with its errors. */
    private static final String CREATE_FORM = "createForm";

    /** The page of a step. */
    String page(HttpSession session, XksDraft draft, CreateStep step, Target target, Model model) {
        if (!reachable(draft, step)) {
            return "redirect:" + url(draft, firstMissing(draft));
        }
        var problems = CreateWizardPages.problemsOf(model);
        model.addAttribute("step", step.slug());
        model.addAttribute("steps", STEPS);
        model.addAttribute("stepItems", items(draft, step));
        model.addAttribute("draft", XksDraftView.of(draft));
        model.addAttribute("storeTarget", target);
        model.addAttribute("base", "/t/" + draft.targetName() + "/key-stores/new/xks/" + draft.id());
        model.addAttribute("quota", creation.quota(draft.target()));
        switch (step) {
            case NAME -> CreateWizardPages.form(model, "nameForm", new NameForm(draft.name()), problems, step);
            case CONNECTIVITY -> CreateWizardPages.form(model, "connectivityForm",
                    new ConnectivityForm(draft.connectivity() == null ? null : draft.connectivity().name(),
                            draft.vpcEndpointServiceName(), draft.vpcEndpointServiceOwner()),
                    problems, step);
            case PROXY -> CreateWizardPages.form(model, "proxyForm", new ProxyForm(draft.uriEndpoint(), draft.uriPath(),
                    new XksCredentialForm(draft.accessKeyId(), null)), problems, step);
            case PREFLIGHT -> model.addAttribute("ruleProblems", rules(draft));
            case REVIEW -> {
                var rules = rules(draft);
                model.addAttribute("ruleProblems", rules);
                model.addAttribute("approval", approvals.offer(draft.targetName(), draft.username()).orElse(null));
                var token = drafts.newToken();
                drafts.update(session, draft, d -> d.withFormToken(token));
                if (model.getAttribute(CREATE_FORM) instanceof CreateForm flashed) {
                    // Flashed back with its errors: keep the reason and errors, but with
                    // the
                    // new token, since the flashed one is used up.
                    var form = new CreateForm(token, flashed.overrideReason());
                    var kept = new BeanPropertyBindingResult(form, CREATE_FORM);
                    if (model.getAttribute(BindingResult.MODEL_KEY_PREFIX + CREATE_FORM) instanceof BindingResult old) {
                        kept.addAllErrors(old);
                    }
                    model.addAttribute(CREATE_FORM, form);
                    model.addAttribute(BindingResult.MODEL_KEY_PREFIX + CREATE_FORM, kept);
                }
                else {
                    CreateWizardPages.form(model, CREATE_FORM, new CreateForm(token, null), problems, step);
                }
            }
            default -> throw new IllegalArgumentException(step.name());
        }
        return XksCreateController.VIEW;
    }

    /**
     * The name's rules that need the account and Region: unique, and room under the
     * quota.
     */
    void nameProblems(XksDraft draft, NameForm form, BindingResult result) {
        creation.checkName(draft.target(), Objects.requireNonNull(form.customKeyStoreName()))
            .stream()
            .forEach(problem -> CreateWizardPages.reject(result, problem));
    }

    /**
     * Back to a step's page with the form as sent (never a secret) and its errors
     * (POST-redirect-GET).
     */
    String back(XksDraft draft, CreateStep step, String formName, Object form, BindingResult result,
            RedirectAttributes redirect) {
        return CreateWizardPages.back(url(draft, step), formName, form, result, redirect);
    }

    /**
     * Runs the console's own GetHealthStatus with the draft's values, kept with the
     * draft.
     */
    void runPreflight(HttpSession session, XksDraft draft) {
        var store = draft.store();
        if (store.isEmpty()) {
            return;
        }
        var result = creation.healthCheck(store.get());
        drafts.update(session, draft, d -> d.withPreflight(result));
    }

    /**
     * Checks again right before sending (the rules on a fresh Describe, GetHealthStatus
     * once more), then creates; every failure goes back to the step it concerns.
     */
    String create(HttpSession session, XksDraft draft, String actor, @Nullable String overrideReason,
            @Nullable String breakGlassReason, RedirectAttributes redirect) {
        var store = draft.store().orElse(null);
        if (store == null) {
            return "redirect:" + url(draft, firstMissing(draft));
        }
        // Under an approval policy only break glass creates without an approved request.
        var offer = approvals.offer(draft.targetName(), actor);
        if (offer.isPresent() && breakGlassReason == null) {
            creation.recordRefusedCreate(store.target(), store.name(), actor,
                    List.of("Creating a key store needs approval, and neither was it approved nor the glass broken"));
            return CreateWizardPages.approvalNeeded(offer.get(), url(draft, CreateStep.REVIEW), redirect);
        }
        var result = creation.healthCheck(store);
        drafts.update(session, draft, d -> d.withPreflight(result));
        var clearance = PreflightClearance.decide(result, overrideReason).orElse(null);
        if (clearance == null) {
            creation.recordRefusedCreate(store.target(), store.name(), actor,
                    List.of("The XKS pre-flight check neither passed nor was overridden"));
            redirect.addFlashAttribute("failure", XksCreateController.OVERRIDE_NEEDED);
            // Also next to the reason field, which keeps what the operator typed.
            var form = new CreateForm(null, overrideReason);
            var kept = new BeanPropertyBindingResult(form, CREATE_FORM);
            kept.rejectValue("overrideReason", "preflight", XksCreateController.OVERRIDE_NEEDED);
            redirect.addFlashAttribute(CREATE_FORM, form);
            redirect.addFlashAttribute(BindingResult.MODEL_KEY_PREFIX + CREATE_FORM, kept);
            return "redirect:" + url(draft, CreateStep.REVIEW);
        }
        if (offer.isPresent()) {
            // After the pre-flight, so the glass is broken only for a create that is
            // sent.
            try {
                approvals.breakGlass(approvals.xks(draft.targetName(), store), actor, breakGlassReason);
            }
            catch (ApprovalRefusedException refused) {
                return CreateWizardPages.breakGlassRefused(refused, breakGlassReason, url(draft, CreateStep.REVIEW),
                        redirect);
            }
        }
        var send = new CreateWizardPages.Send(store.name(), STEPS, step -> url(draft, step),
                created -> drafts.finish(session, draft, created.ref()), created -> targets.storePath(created.ref()));
        return CreateWizardPages.create(send, () -> creation.createXks(store, actor, clearance, draft.importedFrom()),
                redirect);
    }

    /**
     * Asks for approval of the store as reviewed (docs/approvals.md); one KMS would
     * refuse is not asked for.
     */
    String requestApproval(HttpSession session, XksDraft draft, String actor, @Nullable String reason,
            RedirectAttributes redirect) {
        var store = draft.store().orElse(null);
        if (store == null) {
            return "redirect:" + url(draft, firstMissing(draft));
        }
        var problems = rules(draft);
        if (!problems.isEmpty()) {
            return CreateWizardPages.toStep(STEPS, step -> url(draft, step), problems, redirect);
        }
        return CreateWizardPages.requestApproval(approvals, approvals.xks(draft.targetName(), store), actor, reason,
                url(draft, CreateStep.REVIEW), () -> drafts.discard(session, draft.id()), redirect);
    }

    private List<CreateProblem> rules(XksDraft draft) {
        return draft.store().map(creation::check).orElse(List.of());
    }

    private static boolean reachable(XksDraft draft, CreateStep step) {
        return STEPS.indexOf(step) <= STEPS.indexOf(firstMissing(draft));
    }

    /** The first step whose values are missing; REVIEW when every step has them. */
    static CreateStep firstMissing(XksDraft draft) {
        if (draft.name() == null) {
            return CreateStep.NAME;
        }
        if (draft.connectivity() == null) {
            return CreateStep.CONNECTIVITY;
        }
        if (draft.uriEndpoint() == null || draft.uriPath() == null || draft.accessKeyId() == null
                || !draft.secretHeld()) {
            return CreateStep.PROXY;
        }
        return CreateStep.REVIEW;
    }

    static List<CreateWizardPages.StepItem> items(XksDraft draft, CreateStep current) {
        return CreateWizardPages.items(STEPS, LABELS, firstMissing(draft), current);
    }

}
