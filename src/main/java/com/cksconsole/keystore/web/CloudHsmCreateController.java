package com.cksconsole.keystore.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
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

import com.cksconsole.keystore.ChangeNotSentException;
import com.cksconsole.keystore.CloudHsmClusters;
import com.cksconsole.keystore.CreateProblem;
import com.cksconsole.keystore.CreateRefusedException;
import com.cksconsole.keystore.CreateStep;
import com.cksconsole.keystore.CreationRules;
import com.cksconsole.keystore.EligibleCluster;
import com.cksconsole.keystore.KeyStoreCreateFailedException;
import com.cksconsole.keystore.KeyStoreCreation;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.TargetNotUsableException;
import com.cksconsole.keystore.TrustAnchor;
import com.cksconsole.keystore.web.XksCreateForms.CreateForm;
import com.cksconsole.keystore.web.XksCreateForms.NameForm;
import com.cksconsole.kms.KmsConstraints;
import com.cksconsole.targets.Target;

/**
 * The CloudHSM key store wizard (CreateCustomKeyStore with AWS_CLOUDHSM): name, cluster,
 * trust anchor, {@code kmsuser} password, review and create. Built like the external
 * wizard ({@link XksCreateController}): one page per step working without JavaScript, the
 * values on the server ({@link CloudHsmDraftStore}), PRG with flashed errors, a one-use
 * token on the create button. OPERATOR and ADMIN with the right to change the target
 * only.
 */
@Controller
@PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
@RequestMapping(CloudHsmCreateController.BASE)
class CloudHsmCreateController {

    static final String BASE = "/t/{target}/key-stores/new/cloudhsm";

    static final String VIEW = "keystores/create-cloudhsm";

    static final List<CreateStep> STEPS = List.of(CreateStep.NAME, CreateStep.CLUSTER, CreateStep.TRUST_ANCHOR,
            CreateStep.PASSWORD, CreateStep.REVIEW);

    static final String PASSWORD_NOT_KEPT = "For your safety the password is never shown again: enter it again.";

    private final KeyStoreCreation creation;

    private final KmsTargets targets;

    private final CloudHsmDraftStore drafts;

    private final CloudHsmClusters clusters;

    CloudHsmCreateController(KeyStoreCreation creation, KmsTargets targets, CloudHsmDraftStore drafts,
            CloudHsmClusters clusters) {
        this.creation = creation;
        this.targets = targets;
        this.drafts = drafts;
        this.clusters = clusters;
    }

    /** Step 2: the chosen cluster. */
    record ClusterForm(@NotNull(message = "Choose a cluster.") @Nullable String cloudHsmClusterId) {
    }

    /**
     * Step 4: the kmsuser password (KMS API Reference, CreateCustomKeyStore,
     * KeyStorePassword).
     */
    record PasswordForm(@NotNull(message = "Enter the kmsuser password.") @Size(
            min = KmsConstraints.KEY_STORE_PASSWORD_MIN, max = KmsConstraints.KEY_STORE_PASSWORD_MAX,
            message = "The password must be {min} to {max} characters long.") @Nullable String keyStorePassword) {

        @Override
        public String toString() {
            return "PasswordForm[keyStorePassword=<redacted>]";
        }
    }

    @InitBinder({ "nameForm", "clusterForm", "passwordForm", "createForm" })
    void bind(WebDataBinder binder) {
        EmptyInputAsNull.register(binder);
    }

    @GetMapping
    String start(@PathVariable String target, HttpSession session, Principal user) {
        Target chosen = usable(target);
        var draft = drafts.start(session, user.getName(), target, chosen.kmsTarget());
        return "redirect:" + url(draft, CreateStep.NAME);
    }

    @GetMapping({ "/{draft}/name", "/{draft}/cluster", "/{draft}/trust-anchor", "/{draft}/password",
            "/{draft}/review" })
    String show(@PathVariable String target, @PathVariable("draft") String id,
            jakarta.servlet.http.HttpServletRequest request, HttpSession session, Principal user, Model model,
            RedirectAttributes redirect) {
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return expired(target, redirect);
        }
        String uri = request.getRequestURI();
        var step = step(uri.substring(uri.lastIndexOf('/') + 1));
        if (STEPS.indexOf(step) > STEPS.indexOf(firstMissing(draft))) {
            return "redirect:" + url(draft, firstMissing(draft));
        }
        var problems = XksCreateController.problemsOf(model);
        model.addAttribute("step", step.slug());
        model.addAttribute("stepItems", items(draft, step));
        model.addAttribute("draft", draft);
        model.addAttribute("storeTarget", usable(target));
        model.addAttribute("base", "/t/" + target + "/key-stores/new/cloudhsm/" + draft.id());
        model.addAttribute("quota", creation.quota(draft.target()));
        switch (step) {
            case NAME -> form(model, "nameForm", new NameForm(draft.name()), problems, step);
            case CLUSTER -> {
                model.addAttribute("clusterRead", clusters.read(draft.target()));
                form(model, "clusterForm", new ClusterForm(draft.clusterId()), problems, step);
            }
            case TRUST_ANCHOR -> {
                model.addAttribute("trustAnchorProblems",
                        problems.stream()
                            .filter(p -> p.step() == CreateStep.TRUST_ANCHOR)
                            .map(CreateProblem::message)
                            .toList());
                if (draft.trustAnchorPem() != null) {
                    var parsed = TrustAnchor.parse(draft.trustAnchorPem().getBytes(StandardCharsets.US_ASCII));
                    model.addAttribute("anchor", parsed.anchor());
                }
            }
            case PASSWORD -> form(model, "passwordForm", new PasswordForm(null), problems, step);
            case REVIEW -> {
                var anchor = TrustAnchor
                    .parse(Objects.requireNonNull(draft.trustAnchorPem()).getBytes(StandardCharsets.US_ASCII));
                model.addAttribute("anchor", anchor.anchor());
                model.addAttribute("ruleProblems", draft.store().map(creation::check).orElse(List.of()));
                var token = drafts.newToken();
                drafts.update(session, draft, d -> d.withFormToken(token));
                form(model, "createForm", new CreateForm(token, null), problems, step);
            }
            default -> throw new IllegalArgumentException(step.name());
        }
        return VIEW;
    }

    @PostMapping("/{draft}/name")
    String name(@PathVariable String target, @PathVariable("draft") String id, @Valid NameForm nameForm,
            BindingResult result, HttpSession session, Principal user, RedirectAttributes redirect) {
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return expired(target, redirect);
        }
        if (!result.hasErrors()) {
            creation.checkName(draft.target(), Objects.requireNonNull(nameForm.customKeyStoreName()))
                .forEach(problem -> reject(result, problem));
        }
        if (result.hasErrors()) {
            return back(draft, CreateStep.NAME, "nameForm", nameForm, result, redirect);
        }
        var updated = drafts.update(session, draft,
                d -> d.withName(Objects.requireNonNull(nameForm.customKeyStoreName())));
        return "redirect:" + url(updated, CreateStep.CLUSTER);
    }

    /** Only a cluster the fresh DescribeClusters calls usable is taken. */
    @PostMapping("/{draft}/cluster")
    String cluster(@PathVariable String target, @PathVariable("draft") String id, @Valid ClusterForm clusterForm,
            BindingResult result, HttpSession session, Principal user, RedirectAttributes redirect) {
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return expired(target, redirect);
        }
        if (!result.hasErrors()) {
            var read = clusters.read(draft.target());
            var chosen = read.clusters()
                .stream()
                .filter(c -> c.cluster().clusterId().equals(clusterForm.cloudHsmClusterId()))
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
                result.rejectValue(CreationRules.CLUSTER_ID, "unusable",
                        chosen.eligibility().reasons().get(0).sentence());
            }
        }
        if (result.hasErrors()) {
            return back(draft, CreateStep.CLUSTER, "clusterForm", clusterForm, result, redirect);
        }
        var updated = drafts.update(session, draft,
                d -> d.withCluster(Objects.requireNonNull(clusterForm.cloudHsmClusterId())));
        return "redirect:" + url(updated, CreateStep.TRUST_ANCHOR);
    }

    /**
     * The customerCA.crt upload: parsed, then compared with the chosen cluster's
     * certificate (what IncorrectTrustAnchorException guards against); a mismatch keeps
     * the wizard on this step with the reason.
     */
    @PostMapping("/{draft}/trust-anchor")
    String trustAnchor(@PathVariable String target, @PathVariable("draft") String id,
            @RequestParam(name = "file", required = false) @Nullable MultipartFile file, HttpSession session,
            Principal user, RedirectAttributes redirect) throws IOException {
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return expired(target, redirect);
        }
        String problem;
        if (file == null || file.isEmpty()) {
            problem = "Choose the customerCA.crt file of the cluster.";
        }
        else if (file.getSize() > TrustAnchor.MAX_BYTES) {
            // Checked before reading: a large upload is refused without holding it.
            problem = TrustAnchor.Problem.TOO_LARGE.sentence();
        }
        else {
            var parsed = TrustAnchor.parse(file.getBytes());
            var anchor = parsed.anchor();
            if (anchor == null) {
                problem = Objects.requireNonNull(parsed.problem()).sentence();
            }
            else {
                var match = anchor.match(clusterCertificate(draft));
                if (match.matches()) {
                    drafts.update(session, draft, d -> d.withTrustAnchor(anchor.pem()));
                    return "redirect:" + url(draft, CreateStep.PASSWORD);
                }
                problem = match.reason();
            }
        }
        redirect.addFlashAttribute(XksCreateController.PROBLEMS,
                List.of(new CreateProblem(CreateStep.TRUST_ANCHOR, CreationRules.TRUST_ANCHOR, problem, null)));
        return "redirect:" + url(draft, CreateStep.TRUST_ANCHOR);
    }

    @PostMapping("/{draft}/password")
    String password(@PathVariable String target, @PathVariable("draft") String id, @Valid PasswordForm passwordForm,
            BindingResult result, HttpSession session, Principal user, RedirectAttributes redirect) {
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return expired(target, redirect);
        }
        if (result.hasErrors()) {
            // The typed password is never sent back to the page.
            var kept = new BeanPropertyBindingResult(new PasswordForm(null), "passwordForm");
            result.getFieldErrors()
                .forEach(error -> kept.rejectValue(error.getField(), "invalid",
                        String.valueOf(error.getDefaultMessage())));
            redirect.addFlashAttribute("passwordForm", new PasswordForm(null));
            redirect.addFlashAttribute(BindingResult.MODEL_KEY_PREFIX + "passwordForm", kept);
            redirect.addFlashAttribute("passwordNotKept", PASSWORD_NOT_KEPT);
            return "redirect:" + url(draft, CreateStep.PASSWORD);
        }
        var updated = drafts.update(session, draft,
                d -> d.withPassword(Secret.of(Objects.requireNonNull(passwordForm.keyStorePassword()))));
        return "redirect:" + url(updated, CreateStep.REVIEW);
    }

    @PostMapping("/{draft}/create")
    String create(@PathVariable String target, @PathVariable("draft") String id, @Valid CreateForm createForm,
            BindingResult result, HttpSession session, Principal user, RedirectAttributes redirect) {
        var created = drafts.created(session, id);
        if (created.isPresent()) {
            redirect.addFlashAttribute("failure", XksCreateController.TOKEN_USED);
            return "redirect:" + targets.storePath(created.get());
        }
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return expired(target, redirect);
        }
        if (createForm.formToken() == null || !drafts.useToken(session, draft, createForm.formToken())) {
            redirect.addFlashAttribute("failure", XksCreateController.TOKEN_USED);
            return "redirect:" + url(draft, CreateStep.REVIEW);
        }
        var store = draft.store().orElse(null);
        if (store == null) {
            return "redirect:" + url(draft, firstMissing(draft));
        }
        try {
            var done = creation.createCloudHsm(store, user.getName());
            drafts.finish(session, draft, done.ref());
            redirect.addFlashAttribute("success",
                    "Key store " + store.name() + " created (" + done.ref().keyStoreId()
                            + "). It is DISCONNECTED: connect it to use its KMS keys."
                            + (done.outcomeRecorded() ? "" : " The audit log could not record the outcome yet."));
            redirect.addFlashAttribute("justCreated", true);
            return "redirect:" + targets.storePath(done.ref());
        }
        catch (CreateRefusedException refused) {
            return toStep(draft, refused.problems(), redirect);
        }
        catch (KeyStoreCreateFailedException failed) {
            return toStep(draft, List.of(failed.problem()), redirect);
        }
        catch (ChangeNotSentException notSent) {
            redirect.addFlashAttribute("failure", KeyStoreReviewController.NOT_SENT);
            return "redirect:" + url(draft, CreateStep.REVIEW);
        }
        catch (KmsCallException unread) {
            redirect.addFlashAttribute("failure", "KMS could not be asked what the account and Region hold "
                    + "right before sending (" + unread.failure().errorCode() + "). Nothing was sent: try again.");
            return "redirect:" + url(draft, CreateStep.REVIEW);
        }
    }

    @PostMapping("/{draft}/cancel")
    String cancel(@PathVariable String target, @PathVariable("draft") String id, HttpSession session, Principal user) {
        drafts.find(session, user.getName(), target, id).ifPresent(draft -> drafts.discard(session, draft.id()));
        return "redirect:/t/" + target + "/key-stores";
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

    /**
     * A problem found by KMS or a rule goes back to its step; a password problem also
     * drops the held password, since it must be typed again anyway.
     */
    private String toStep(CloudHsmDraft draft, List<CreateProblem> problems, RedirectAttributes redirect) {
        var step = problems.stream()
            .map(CreateProblem::step)
            .filter(STEPS::contains)
            .min((a, b) -> STEPS.indexOf(a) - STEPS.indexOf(b))
            .orElse(CreateStep.REVIEW);
        redirect.addFlashAttribute(XksCreateController.PROBLEMS, problems);
        if (step == CreateStep.REVIEW) {
            redirect.addFlashAttribute("failure", problems.get(0).message());
        }
        return "redirect:" + url(draft, step);
    }

    private static void form(Model model, String name, Object form, List<CreateProblem> problems, CreateStep step) {
        if (!model.containsAttribute(name)) {
            model.addAttribute(name, form);
        }
        var key = BindingResult.MODEL_KEY_PREFIX + name;
        var result = (BindingResult) model.getAttribute(key);
        if (result == null) {
            result = new BeanPropertyBindingResult(model.getAttribute(name), name);
            model.addAttribute(key, result);
        }
        for (var problem : problems) {
            if (problem.step() == step) {
                reject(result, problem);
            }
        }
    }

    private static void reject(BindingResult result, CreateProblem problem) {
        String code = problem.kmsError() == null ? "rule" : problem.kmsError();
        String field = problem.field();
        if (field == null || CreateProblem.TARGET.equals(field)) {
            result.reject(code, problem.message());
        }
        else {
            result.rejectValue(field, code, problem.message());
        }
    }

    private static String back(CloudHsmDraft draft, CreateStep step, String formName, Object form, BindingResult result,
            RedirectAttributes redirect) {
        var kept = new BeanPropertyBindingResult(form, formName);
        kept.addAllErrors(result);
        redirect.addFlashAttribute(formName, form);
        redirect.addFlashAttribute(BindingResult.MODEL_KEY_PREFIX + formName, kept);
        return "redirect:" + url(draft, step);
    }

    static String url(CloudHsmDraft draft, CreateStep step) {
        return "/t/" + draft.targetName() + "/key-stores/new/cloudhsm/" + draft.id() + "/" + step.slug();
    }

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

    static List<XksCreateSteps.StepItem> items(CloudHsmDraft draft, CreateStep current) {
        var labels = List.of("Name", "Cluster", "Trust anchor", "Password", "Review");
        var items = new ArrayList<XksCreateSteps.StepItem>();
        for (int i = 0; i < STEPS.size(); i++) {
            var step = STEPS.get(i);
            boolean isCurrent = step == current;
            boolean reachable = i <= STEPS.indexOf(firstMissing(draft));
            items.add(
                    new XksCreateSteps.StepItem(step.slug(), labels.get(i), i + 1, isCurrent, !isCurrent && reachable));
        }
        return items;
    }

    private Target usable(String target) {
        return targets.find(target).orElseThrow(() -> new TargetNotUsableException(target));
    }

    private static String expired(String target, RedirectAttributes redirect) {
        redirect.addFlashAttribute("failure", XksCreateController.EXPIRED);
        return "redirect:/t/" + target + "/key-stores";
    }

    private static CreateStep step(String slug) {
        for (CreateStep step : STEPS) {
            if (step.slug().equals(slug)) {
                return step;
            }
        }
        throw new IllegalArgumentException(slug);
    }

}
