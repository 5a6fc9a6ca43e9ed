package com.cksconsole.targets.web;

import java.security.Principal;

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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.targets.RegisteredTarget;
import com.cksconsole.targets.TargetAccess;
import com.cksconsole.targets.TargetAdministration;
import com.cksconsole.targets.TargetAdministrationException;
import com.cksconsole.targets.TargetCheckResult;
import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.TargetOrigin;
import com.cksconsole.targets.TargetRules;
import com.cksconsole.targets.Targets;

/**
 * The Targets pages (ADMIN only, enforced by the security configuration): a thin layer
 * over the service.
 */
@Controller
@RequestMapping("/targets")
class TargetAdministrationController {

    static final String LIST_VIEW = "targets/list";
    static final String FORM_VIEW = "targets/form";
    static final String DETAIL_VIEW = "targets/detail";

    private final Targets targets;

    private final TargetAdministration administration;

    TargetAdministrationController(Targets targets, TargetAdministration administration) {
        this.targets = targets;
        this.administration = administration;
    }

    /** Only the form's fields bind: nothing else of a request can reach the service. */
    @InitBinder("target")
    void allowOnlyFormFields(WebDataBinder binder) {
        binder.setAllowedFields("name", "label", "accountId", "region", "access", "profileName", "roleArn",
                "externalId", "sessionName", "kmsEndpoint", "storeQuota", "credentialRotationDays", "version");
    }

    @ModelAttribute("accessKinds")
    TargetAccess[] accessKinds() {
        return TargetAccess.values();
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("targets", targets.all());
        return LIST_VIEW;
    }

    @GetMapping("/new")
    String newTarget(Model model) {
        model.addAttribute("target", TargetForm.empty());
        model.addAttribute("editing", false);
        return FORM_VIEW;
    }

    @PostMapping
    String add(@ModelAttribute("target") TargetForm form, BindingResult errors, Model model, Principal user,
            RedirectAttributes redirect) {
        var converted = form.toTarget(true);
        if (converted.target() != null && converted.problems().isEmpty()) {
            try {
                administration.add(converted.target(), TargetOrigin.CONSOLE, user.getName());
                redirect.addFlashAttribute("success", "Target " + converted.target().name()
                        + " was added. Check it to confirm the account it reaches.");
                return "redirect:/targets/" + converted.target().name();
            }
            catch (TargetAdministrationException refused) {
                return reshow(form, refused, false, model);
            }
        }
        return reshow(form, new TargetAdministrationException(converted.problems()), false, model);
    }

    @GetMapping("/{name}")
    String detail(@PathVariable TargetName name, Model model) {
        model.addAttribute("registered", administration.get(name));
        return DETAIL_VIEW;
    }

    @GetMapping("/{name}/edit")
    String edit(@PathVariable TargetName name, Model model) {
        model.addAttribute("target", TargetForm.of(administration.get(name)));
        model.addAttribute("editing", true);
        return FORM_VIEW;
    }

    @PostMapping("/{name}")
    String save(@PathVariable TargetName name, @ModelAttribute("target") TargetForm typed, BindingResult errors,
            Model model, Principal user, RedirectAttributes redirect) {
        RegisteredTarget current = administration.get(name);
        TargetForm form = typed.withName(name.value());
        var converted = form.toTarget(current.target().enabled());
        try {
            if (converted.target() == null || !converted.problems().isEmpty()) {
                throw new TargetAdministrationException(converted.problems());
            }
            administration.edit(converted.target(), form.expectedVersion(), user.getName());
        }
        catch (TargetAdministrationException refused) {
            return reshow(form, refused, true, model);
        }
        redirect.addFlashAttribute("success", "Target " + name + " was changed. Check it again.");
        return "redirect:/targets/" + name;
    }

    @PostMapping("/{name}/check")
    String check(@PathVariable TargetName name, RedirectAttributes redirect) {
        TargetCheckResult result = administration.check(name);
        redirect.addFlashAttribute(result.passed() ? "success" : "failure", CheckSentence.of(result));
        return "redirect:/targets/" + name;
    }

    @PostMapping("/{name}/disable")
    String disable(@PathVariable TargetName name, Principal user, RedirectAttributes redirect) {
        administration.setEnabled(name, false, user.getName());
        redirect.addFlashAttribute("success", "Target " + name + " is disabled: the console no longer calls "
                + "AWS for it. Its stores are not changed.");
        return "redirect:/targets/" + name;
    }

    @PostMapping("/{name}/enable")
    String enable(@PathVariable TargetName name, Principal user, RedirectAttributes redirect) {
        administration.setEnabled(name, true, user.getName());
        redirect.addFlashAttribute("success", "Target " + name + " is enabled.");
        return "redirect:/targets/" + name;
    }

    private static String reshow(TargetForm form, TargetAdministrationException refused, boolean editing, Model model) {
        var errors = new BeanPropertyBindingResult(form, "target");
        for (TargetRules.Problem problem : refused.problems()) {
            if (problem.field().isEmpty()) {
                errors.reject("target", problem.message());
            }
            else {
                errors.rejectValue(problem.field(), "target." + problem.field(), problem.message());
            }
        }
        model.addAttribute("target", form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "target", errors);
        model.addAttribute("editing", editing);
        return FORM_VIEW;
    }

}
