package com.cksconsole.keystore.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.jspecify.annotations.Nullable;

import com.cksconsole.approval.ApprovalRefusedException;
import com.cksconsole.approval.ProposedChange;
import com.cksconsole.keystore.ChangeNotSentException;
import com.cksconsole.keystore.CreateProblem;
import com.cksconsole.keystore.CreateRefusedException;
import com.cksconsole.keystore.CreateStep;
import com.cksconsole.keystore.CreatedStore;
import com.cksconsole.keystore.KeyStoreCreateFailedException;
import com.cksconsole.keystore.KmsCallException;

/**
 * What both create wizards (external and CloudHSM) do the same way: a step's form with
 * the problems another step found on its fields, POST-redirect-GET back to a step with
 * the form as sent, the list of steps, and the create call with each of its outcomes sent
 * to the step it concerns. The wizards differ only in their steps and values.
 */
final class CreateWizardPages {

    static final String EXPIRED = "This wizard has expired or was already used: start again. Nothing was created.";

    static final String TOKEN_USED = "This create form was already sent. Nothing more was created: check the key "
            + "store list before trying again.";

    /** The flash attribute with the problems a step shows on its fields. */
    static final String PROBLEMS = "createProblems";

    private CreateWizardPages() {
    }

    /** One step in the page's list of steps: earlier ones are links back. */
    record StepItem(String slug, String label, int number, boolean current, boolean linked) {
    }

    /**
     * The list of steps: every step up to the first one still missing values is a link.
     */
    static List<StepItem> items(List<CreateStep> steps, List<String> labels, CreateStep firstMissing,
            CreateStep current) {
        var items = new ArrayList<StepItem>();
        for (int i = 0; i < steps.size(); i++) {
            var step = steps.get(i);
            boolean isCurrent = step == current;
            boolean reachable = i <= steps.indexOf(firstMissing);
            items.add(new StepItem(step.slug(), labels.get(i), i + 1, isCurrent, !isCurrent && reachable));
        }
        return items;
    }

    /** The problems a page shows on its fields, flashed by another step. */
    static List<CreateProblem> problemsOf(Model model) {
        @SuppressWarnings("unchecked")
        var problems = (List<CreateProblem>) model.getAttribute(PROBLEMS);
        return problems == null ? List.of() : problems;
    }

    /**
     * A step's form: the one flashed back with its errors, else {@code blank} with the
     * problems other steps found on this step's fields.
     */
    static void form(Model model, String name, Object blank, List<CreateProblem> problems, CreateStep step) {
        if (model.containsAttribute(name)) {
            return;
        }
        model.addAttribute(name, blank);
        var result = new BeanPropertyBindingResult(blank, name);
        problems.stream().filter(problem -> problem.step() == step).forEach(problem -> reject(result, problem));
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + name, result);
    }

    /** A problem at its field, or for the whole form when it names none. */
    static void reject(BindingResult result, CreateProblem problem) {
        String code = problem.kmsError() == null ? "create" : problem.kmsError();
        String field = problem.field();
        if (field == null || CreateProblem.TARGET.equals(field)) {
            result.reject(code, problem.message());
        }
        else {
            result.rejectValue(field, code, problem.message());
        }
    }

    /**
     * Back to a step's page with the form as sent (never a secret) and its errors.
     */
    static String back(String stepUrl, String formName, Object form, BindingResult result,
            RedirectAttributes redirect) {
        var kept = new BeanPropertyBindingResult(form, formName);
        kept.addAllErrors(result);
        redirect.addFlashAttribute(formName, form);
        redirect.addFlashAttribute(BindingResult.MODEL_KEY_PREFIX + formName, kept);
        return "redirect:" + stepUrl;
    }

    /**
     * To the earliest step a problem concerns, with every problem on its fields; problems
     * of the review itself are also the page's failure message.
     */
    static String toStep(List<CreateStep> steps, Function<CreateStep, String> url, List<CreateProblem> problems,
            RedirectAttributes redirect) {
        var step = problems.stream()
            .map(CreateProblem::step)
            .filter(steps::contains)
            .min((a, b) -> steps.indexOf(a) - steps.indexOf(b))
            .orElse(CreateStep.REVIEW);
        redirect.addFlashAttribute(PROBLEMS, problems);
        if (step == CreateStep.REVIEW) {
            redirect.addFlashAttribute("failure", problems.get(0).message());
        }
        return "redirect:" + url.apply(step);
    }

    /** Where the create call goes, and what happens after. */
    record Send(String storeName, List<CreateStep> steps, Function<CreateStep, String> url,
            Consumer<CreatedStore> finish, Function<CreatedStore, String> storePage) {
    }

    /**
     * Sends the create and turns each outcome into the next page: the new store's page,
     * or the step a refusal concerns, or the review when nothing could be sent.
     */
    static String create(Send send, Supplier<CreatedStore> call, RedirectAttributes redirect) {
        try {
            var created = call.get();
            send.finish().accept(created);
            redirect.addFlashAttribute("success",
                    "Key store " + send.storeName() + " created (" + created.ref().keyStoreId()
                            + "). It is DISCONNECTED: connect it to use its KMS keys."
                            + (created.outcomeRecorded() ? "" : " The audit log could not record the outcome yet."));
            redirect.addFlashAttribute("justCreated", true);
            return "redirect:" + send.storePage().apply(created);
        }
        catch (CreateRefusedException refused) {
            return toStep(send.steps(), send.url(), refused.problems(), redirect);
        }
        catch (KeyStoreCreateFailedException failed) {
            return toStep(send.steps(), send.url(), List.of(failed.problem()), redirect);
        }
        catch (ChangeNotSentException notSent) {
            redirect.addFlashAttribute("failure", KeyStoreReviewController.NOT_SENT);
            return "redirect:" + send.url().apply(CreateStep.REVIEW);
        }
        catch (KmsCallException unread) {
            redirect.addFlashAttribute("failure", "KMS could not be asked what the account and Region hold "
                    + "right before sending (" + unread.failure().errorCode() + "). Nothing was sent: try again.");
            return "redirect:" + send.url().apply(CreateStep.REVIEW);
        }
    }

    /**
     * The review step's request for approval (docs/approvals.md): recorded with its
     * reason, then the wizard is discarded (its secret is not kept while the request
     * waits: the executor enters it again) and the request's page is shown. A refusal (no
     * reason) goes back to the review step, next to the reason field.
     */
    static String requestApproval(CreateApprovals approvals, ProposedChange change, String actor,
            @Nullable String reason, String reviewUrl, Runnable discard, RedirectAttributes redirect) {
        try {
            var request = approvals.request(change, actor, reason);
            discard.run();
            redirect.addFlashAttribute("success", "Approval requested: the key store is created once the request is "
                    + "approved and you execute it, entering its secret again (it is not kept while the request "
                    + "waits).");
            return "redirect:/t/" + change.target() + "/approvals/" + request.id();
        }
        catch (ApprovalRefusedException e) {
            redirect.addFlashAttribute("requestError", e.getMessage());
            if (reason != null) {
                redirect.addFlashAttribute("requestReason", reason);
            }
            return "redirect:" + reviewUrl;
        }
    }

    /**
     * The plain create under an approval policy without a break-glass reason: nothing is
     * sent, and the review step says why.
     */
    static String approvalNeeded(StoreApprovals.Offer offer, String reviewUrl, RedirectAttributes redirect) {
        redirect.addFlashAttribute("failure", offer.summary() + ". Nothing was sent to KMS: request approval below.");
        return "redirect:" + reviewUrl;
    }

    /**
     * A break glass the approval rules refused (no grant, no reason): nothing is sent;
     * the error goes next to the reason field, or to the page's message without a grant
     * (there is no field then), and the reason typed is kept.
     */
    static String breakGlassRefused(ApprovalRefusedException refused, @Nullable String reason, String reviewUrl,
            RedirectAttributes redirect) {
        redirect.addFlashAttribute(
                refused.reason() == ApprovalRefusedException.Reason.NO_BREAK_GLASS ? "failure" : "breakGlassError",
                refused.getMessage());
        if (reason != null) {
            redirect.addFlashAttribute("breakGlassReason", reason);
        }
        return "redirect:" + reviewUrl;
    }

    /** To the list of the target's key stores, saying the wizard is gone. */
    static String expired(String target, RedirectAttributes redirect) {
        redirect.addFlashAttribute("failure", EXPIRED);
        return "redirect:/t/" + target + "/key-stores";
    }

    /** The step a page path ends in. */
    static CreateStep step(List<CreateStep> steps, String uri) {
        String slug = uri.substring(uri.lastIndexOf('/') + 1);
        return steps.stream()
            .filter(step -> step.slug().equals(slug))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException(slug));
    }

}
