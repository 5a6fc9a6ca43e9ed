package com.cksconsole.keystore.web;

import java.nio.charset.StandardCharsets;
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
import com.cksconsole.keystore.CloudHsmClusters;
import com.cksconsole.keystore.CreateProblem;
import com.cksconsole.keystore.CreateStep;
import com.cksconsole.keystore.CreationRules;
import com.cksconsole.keystore.EligibleCluster;
import com.cksconsole.keystore.KeyStoreCreation;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.TrustAnchor;
import com.cksconsole.keystore.web.CloudHsmCreateForms.ClusterForm;
import com.cksconsole.keystore.web.CloudHsmCreateForms.PasswordForm;
import com.cksconsole.keystore.web.XksCreateForms.CreateForm;
import com.cksconsole.keystore.web.XksCreateForms.NameForm;
import com.cksconsole.targets.Target;

/**
 * What the CloudHSM key store wizard's pages decide, so that its controller's handlers
 * stay short: each step's page model, the name's rules, the cluster chosen only from a
 * fresh DescribeClusters, the trust anchor compared with the cluster's certificate, the
 * password held (never shown again), and the create with its outcomes mapped back to the
 * step they concern ({@link CreateWizardPages}, shared with the external wizard).
 */
@Component
class CloudHsmCreateSteps {

    static final List<CreateStep> STEPS = List.of(CreateStep.NAME, CreateStep.CLUSTER, CreateStep.TRUST_ANCHOR,
            CreateStep.PASSWORD, CreateStep.REVIEW);

    private static final List<String> LABELS = List.of("Name", "Cluster", "Trust anchor", "Password", "Review");

    static final String VIEW = "keystores/create-cloudhsm";

    static final String PASSWORD_NOT_KEPT = "For your safety the password is never shown again: enter it again.";

    private final KeyStoreCreation creation;

    private final CloudHsmDraftStore drafts;

    private final CloudHsmClusters clusters;

    private final KmsTargets targets;

    private final CreateApprovals approvals;

    CloudHsmCreateSteps(KeyStoreCreation creation, CloudHsmDraftStore drafts, CloudHsmClusters clusters,
            KmsTargets targets, CreateApprovals approvals) {
        this.creation = creation;
        this.drafts = drafts;
        this.clusters = clusters;
        this.targets = targets;
        this.approvals = approvals;
    }

    String url(CloudHsmDraft draft, CreateStep step) {
        return "/t/" + draft.targetName() + "/key-stores/new/cloudhsm/" + draft.id() + "/" + step.slug();
    }

    /** The page of a step; a step whose earlier steps lack values sends to the first. */
    String page(HttpSession session, CloudHsmDraft draft, CreateStep step, Target target, Model model) {
        if (STEPS.indexOf(step) > STEPS.indexOf(firstMissing(draft))) {
            return "redirect:" + url(draft, firstMissing(draft));
        }
        var problems = CreateWizardPages.problemsOf(model);
        model.addAttribute("step", step.slug());
        model.addAttribute("stepItems", CreateWizardPages.items(STEPS, LABELS, firstMissing(draft), step));
        model.addAttribute("draft", draft);
        model.addAttribute("storeTarget", target);
        model.addAttribute("base", "/t/" + draft.targetName() + "/key-stores/new/cloudhsm/" + draft.id());
        model.addAttribute("quota", creation.quota(draft.target()));
        switch (step) {
            case NAME -> CreateWizardPages.form(model, "nameForm", new NameForm(draft.name()), problems, step);
            case CLUSTER -> {
                model.addAttribute("clusterRead", clusters.read(draft.target()));
                CreateWizardPages.form(model, "clusterForm", new ClusterForm(draft.clusterId()), problems, step);
            }
            case TRUST_ANCHOR -> {
                model.addAttribute("trustAnchorProblems",
                        problems.stream()
                            .filter(p -> p.step() == CreateStep.TRUST_ANCHOR)
                            .map(CreateProblem::message)
                            .toList());
                if (draft.trustAnchorPem() != null) {
                    model.addAttribute("anchor", anchorOf(draft.trustAnchorPem()));
                }
            }
            case PASSWORD -> CreateWizardPages.form(model, "passwordForm", new PasswordForm(null), problems, step);
            case REVIEW -> {
                model.addAttribute("anchor", anchorOf(Objects.requireNonNull(draft.trustAnchorPem())));
                model.addAttribute("ruleProblems", draft.store().map(creation::check).orElse(List.of()));
                model.addAttribute("approval", approvals.offer(draft.targetName(), draft.username()).orElse(null));
                var token = drafts.newToken();
                drafts.update(session, draft, d -> d.withFormToken(token));
                CreateWizardPages.form(model, "createForm", new CreateForm(token, null), problems, step);
            }
            default -> throw new IllegalArgumentException(step.name());
        }
        return VIEW;
    }

    /**
     * The name's rules that need the account and Region: unique, room under the quota.
     */
    void nameProblems(CloudHsmDraft draft, NameForm form, BindingResult result) {
        creation.checkName(draft.target(), Objects.requireNonNull(form.customKeyStoreName()))
            .forEach(problem -> CreateWizardPages.reject(result, problem));
    }

    /**
     * Only a cluster that a fresh DescribeClusters lists and calls usable is taken; the
     * reason for refusing another is put at the field.
     */
    void clusterProblems(CloudHsmDraft draft, ClusterForm form, BindingResult result) {
        var read = clusters.read(draft.target());
        var chosen = read.clusters()
            .stream()
            .filter(c -> c.cluster().clusterId().equals(form.cloudHsmClusterId()))
            .findFirst()
            .orElse(null);
        if (read.failed()) {
            result.rejectValue(CreationRules.CLUSTER_ID, "unread", "The clusters could not be read ("
                    + Objects.requireNonNull(read.failure()).errorCode() + "): try again.");
        }
        else if (chosen == null) {
            result.rejectValue(CreationRules.CLUSTER_ID, "unknown",
                    "This account and Region have no such cluster: choose one from the list.");
        }
        else if (!chosen.eligibility().usable()) {
            result.rejectValue(CreationRules.CLUSTER_ID, "unusable", chosen.eligibility().reasons().get(0).sentence());
        }
    }

    /**
     * The customerCA.crt upload: parsed, then compared with the chosen cluster's
     * certificate (what IncorrectTrustAnchorException guards against). Held with the
     * draft when it matches; otherwise the reason, for the step's page.
     */
    @Nullable String acceptTrustAnchor(HttpSession session, CloudHsmDraft draft, byte @Nullable [] upload, long size) {
        if (upload == null || size == 0) {
            return "Choose the customerCA.crt file of the cluster.";
        }
        var parsed = TrustAnchor.parse(upload);
        var anchor = parsed.anchor();
        if (anchor == null) {
            return Objects.requireNonNull(parsed.problem()).sentence();
        }
        var match = anchor.match(clusterCertificate(draft));
        if (!match.matches()) {
            return match.reason();
        }
        drafts.update(session, draft, d -> d.withTrustAnchor(anchor.pem()));
        return null;
    }

    /** Back to the trust anchor step with the reason an upload was not taken. */
    String trustAnchorRefused(CloudHsmDraft draft, String problem, RedirectAttributes redirect) {
        redirect.addFlashAttribute(CreateWizardPages.PROBLEMS,
                List.of(new CreateProblem(CreateStep.TRUST_ANCHOR, CreationRules.TRUST_ANCHOR, problem, null)));
        return "redirect:" + url(draft, CreateStep.TRUST_ANCHOR);
    }

    /** Back to the password step with its errors, but never with what was typed. */
    String passwordRefused(CloudHsmDraft draft, BindingResult result, RedirectAttributes redirect) {
        var kept = new BeanPropertyBindingResult(new PasswordForm(null), "passwordForm");
        result.getFieldErrors()
            .forEach(error -> kept.rejectValue(error.getField(), "invalid", String.valueOf(error.getDefaultMessage())));
        redirect.addFlashAttribute("passwordForm", new PasswordForm(null));
        redirect.addFlashAttribute(BindingResult.MODEL_KEY_PREFIX + "passwordForm", kept);
        redirect.addFlashAttribute("passwordNotKept", PASSWORD_NOT_KEPT);
        return "redirect:" + url(draft, CreateStep.PASSWORD);
    }

    CloudHsmDraft holdPassword(HttpSession session, CloudHsmDraft draft, PasswordForm form) {
        return drafts.update(session, draft,
                d -> d.withPassword(Secret.of(Objects.requireNonNull(form.keyStorePassword()))));
    }

    /**
     * Checks the rules again on a fresh Describe and creates; every failure goes back to
     * the step it concerns.
     */
    String create(HttpSession session, CloudHsmDraft draft, String actor, @Nullable String breakGlassReason,
            RedirectAttributes redirect) {
        var store = draft.store().orElse(null);
        if (store == null) {
            return "redirect:" + url(draft, firstMissing(draft));
        }
        // Under an approval policy only break glass creates without an approved request.
        var offer = approvals.offer(draft.targetName(), actor);
        if (offer.isPresent()) {
            if (breakGlassReason == null) {
                creation.recordRefusedCreate(store.target(), store.name(), actor, List
                    .of("Creating a key store needs approval, and neither was it approved nor the glass broken"));
                return CreateWizardPages.approvalNeeded(offer.get(), url(draft, CreateStep.REVIEW), redirect);
            }
            try {
                approvals.breakGlass(approvals.cloudHsm(draft.targetName(), store), actor, breakGlassReason);
            }
            catch (ApprovalRefusedException refused) {
                return CreateWizardPages.breakGlassRefused(refused, breakGlassReason, url(draft, CreateStep.REVIEW),
                        redirect);
            }
        }
        var send = new CreateWizardPages.Send(store.name(), STEPS, step -> url(draft, step),
                created -> drafts.finish(session, draft, created.ref()), created -> targets.storePath(created.ref()));
        return CreateWizardPages.create(send, () -> creation.createCloudHsm(store, actor), redirect);
    }

    /**
     * Asks for approval of the store as reviewed (docs/approvals.md); one KMS would
     * refuse is not asked for.
     */
    String requestApproval(HttpSession session, CloudHsmDraft draft, String actor, @Nullable String reason,
            RedirectAttributes redirect) {
        var store = draft.store().orElse(null);
        if (store == null) {
            return "redirect:" + url(draft, firstMissing(draft));
        }
        var problems = creation.check(store);
        if (!problems.isEmpty()) {
            return CreateWizardPages.toStep(STEPS, step -> url(draft, step), problems, redirect);
        }
        return CreateWizardPages.requestApproval(approvals, approvals.cloudHsm(draft.targetName(), store), actor,
                reason, url(draft, CreateStep.REVIEW), () -> drafts.discard(session, draft.id()), redirect);
    }

    private @Nullable String clusterCertificate(CloudHsmDraft draft) {
        return clusters.read(draft.target())
            .clusters()
            .stream()
            .map(EligibleCluster::cluster)
            .filter(c -> c.clusterId().equals(draft.clusterId()))
            .findFirst()
            .map(c -> c.clusterCertificate())
            .orElse(null);
    }

    private static @Nullable TrustAnchor anchorOf(String pem) {
        return TrustAnchor.parse(pem.getBytes(StandardCharsets.US_ASCII)).anchor();
    }

    /** The first step whose values are missing; REVIEW when every step has them. */
    static CreateStep firstMissing(CloudHsmDraft draft) {
        if (draft.name() == null) {
            return CreateStep.NAME;
        }
        if (draft.clusterId() == null) {
            return CreateStep.CLUSTER;
        }
        if (draft.trustAnchorPem() == null) {
            return CreateStep.TRUST_ANCHOR;
        }
        if (!draft.passwordHeld()) {
            return CreateStep.PASSWORD;
        }
        return CreateStep.REVIEW;
    }

}
