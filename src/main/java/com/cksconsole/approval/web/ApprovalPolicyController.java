package com.cksconsole.approval.web;

import java.security.Principal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalPolicies;
import com.cksconsole.approval.ApproverRole;
import com.cksconsole.audit.KnownUsers;
import com.cksconsole.targets.RegisteredTarget;
import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.Targets;

/**
 * The approval policies and break-glass grants (ADMIN only, enforced by the security
 * configuration): a thin layer over {@link ApprovalPolicies}. A refused form comes back
 * with its errors next to the fields and the input kept; a change answers with a redirect
 * and a message (PRG).
 */
@Controller
@RequestMapping("/approval-policies")
class ApprovalPolicyController {

    static final String VIEW = "approvals/policies";

    private static final String TO_PAGE = "redirect:/approval-policies";

    private final ApprovalPolicies policies;

    private final Targets targets;

    private final ObjectProvider<KnownUsers> users;

    private final SpringValidatorAdapter validator;

    ApprovalPolicyController(ApprovalPolicies policies, Targets targets, ObjectProvider<KnownUsers> users,
            jakarta.validation.Validator validator) {
        this.policies = policies;
        this.targets = targets;
        this.users = users;
        this.validator = new SpringValidatorAdapter(validator);
    }

    /** Only the forms' fields bind: nothing else of a request reaches the service. */
    @InitBinder(PolicyForm.NAME)
    void bindPolicy(WebDataBinder binder) {
        binder.setAllowedFields(PolicyForm.ALLOWED_FIELDS);
    }

    @InitBinder(BreakGlassForm.NAME)
    void bindBreakGlass(WebDataBinder binder) {
        binder.setAllowedFields("username");
    }

    @GetMapping
    String page(Model model) {
        return page(PolicyForm.empty(), BreakGlassForm.empty(), model);
    }

    @PostMapping
    String create(@Valid @ModelAttribute(PolicyForm.NAME) @Nullable PolicyForm bound, BindingResult binding,
            @RequestParam MultiValueMap<String, String> typed, Model model, Principal admin,
            RedirectAttributes redirect) {
        PolicyForm form = bound;
        BindingResult errors = binding;
        if (form == null) {
            // A value not even of its field's kind (letters for a number): the record
            // could not be built. The page again with what could be read, the
            // conversion errors, and the rules checked on the rest.
            form = PolicyForm.asTyped(typed);
            var kept = new BeanPropertyBindingResult(form, PolicyForm.NAME);
            kept.addAllErrors(binding);
            validator.validate(form, kept);
            model.addAttribute(PolicyForm.NAME, form);
            model.addAttribute(BindingResult.MODEL_KEY_PREFIX + PolicyForm.NAME, kept);
            errors = kept;
        }
        String target = form.target() == null ? "" : form.target().strip();
        if (!errors.hasFieldErrors("target")
                && (!TargetName.isValid(target) || targets.find(new TargetName(target)).isEmpty())) {
            errors.rejectValue("target", "unknown", "There is no target " + target + ": choose one of the list.");
        }
        if (errors.hasErrors()) {
            return page(form, BreakGlassForm.empty(), model);
        }
        try {
            var policy = policies.create(new TargetName(target), form.store(),
                    EnumSet.copyOf(Objects.requireNonNull(form.operations())), Objects.requireNonNull(form.approvers()),
                    Objects.requireNonNull(form.approverRole()),
                    Duration.ofMinutes(Objects.requireNonNull(form.validityMinutes())), form.anyOperator(),
                    admin.getName());
            redirect.addFlashAttribute("success", "Policy " + policy.id() + " on target " + policy.target()
                    + " was added: the changes it names now need approval.");
            return TO_PAGE;
        }
        catch (IllegalArgumentException refused) {
            // A target deleted meanwhile, or a value ApprovalPolicy refuses: the page
            // again.
            errors.reject("refused", Objects.requireNonNullElse(refused.getMessage(), "Refused."));
            return page(form, BreakGlassForm.empty(), model);
        }
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable String id, RedirectAttributes redirect) {
        boolean deleted = id.matches("[0-9]{1,18}") && policies.delete(Long.parseLong(id));
        redirect.addFlashAttribute(deleted ? "success" : "failure",
                deleted ? "Policy " + id + " was removed: the changes it named no longer need its approval."
                        : "There is no policy " + id + " (removed meanwhile?).");
        return TO_PAGE;
    }

    @PostMapping("/break-glass")
    String grant(@Valid @ModelAttribute(BreakGlassForm.NAME) BreakGlassForm form, BindingResult errors, Model model,
            Principal admin, RedirectAttributes redirect) {
        String username = form.name();
        var known = users.getIfAvailable();
        // Fail closed: a right given to a name nobody holds yet would pass to whoever is
        // later created with it.
        if (!errors.hasErrors() && (known == null || !known.exists(username))) {
            errors.rejectValue("username", "unknown", "There is no console user " + username + ".");
        }
        if (errors.hasErrors()) {
            return page(PolicyForm.empty(), form, model);
        }
        boolean granted = policies.grantBreakGlass(username, admin.getName());
        redirect.addFlashAttribute("success", granted
                ? username + " may now execute a change that needs approval without one, giving a reason; each use "
                        + "raises an alert and is flagged in the audit log."
                : username + " held the break-glass right already.");
        return TO_PAGE;
    }

    @PostMapping("/break-glass/{username}/revoke")
    String revoke(@PathVariable String username, RedirectAttributes redirect) {
        boolean revoked = policies.revokeBreakGlass(username);
        redirect.addFlashAttribute(revoked ? "success" : "failure", revoked
                ? username + " no longer holds the break-glass right." : username + " held no break-glass right.");
        return TO_PAGE;
    }

    private String page(PolicyForm policy, BreakGlassForm breakGlass, Model model) {
        if (!model.containsAttribute(PolicyForm.NAME)) {
            model.addAttribute(PolicyForm.NAME, policy);
        }
        if (!model.containsAttribute(BreakGlassForm.NAME)) {
            model.addAttribute(BreakGlassForm.NAME, breakGlass);
        }
        List<RegisteredTarget> registered = targets.all();
        model.addAttribute("targets", registered);
        model.addAttribute("operations", ApprovalOperation.values());
        model.addAttribute("roles", ApproverRole.values());
        model.addAttribute("policies", policies.all().stream().map(PolicyRow::of).toList());
        model.addAttribute("grants", policies.breakGlassGrants());
        // Its own entry of the header (administration), not the requests'.
        model.addAttribute("navSection", "approval-policies");
        return VIEW;
    }

}
