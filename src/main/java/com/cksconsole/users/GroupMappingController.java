package com.cksconsole.users;

import java.security.Principal;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.security.accounts.GroupMapping;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.targets.TargetName;

/**
 * The single-sign-on group mappings page (ADMIN only, as every Users page, enforced by
 * the security configuration): a thin layer over {@link GroupMappingAdministration}.
 */
@Controller
@RequestMapping("/users/group-mappings")
class GroupMappingController {

    static final String VIEW = "users/group-mappings";

    private static final String PAGE = "redirect:/users/group-mappings";

    private final GroupMappingAdministration administration;

    GroupMappingController(GroupMappingAdministration administration) {
        this.administration = administration;
    }

    /** Only the form's fields bind. */
    @InitBinder(GroupMappingForm.NAME)
    void allowOnlyFormFields(WebDataBinder binder) {
        binder.setAllowedFields(GroupMappingForm.ALLOWED_FIELDS);
    }

    @GetMapping
    String page(Model model) {
        var providers = administration.providers();
        // One provider: nothing to choose.
        String provider = providers.size() == 1 ? providers.get(0).id() : "";
        model.addAttribute(GroupMappingForm.NAME, new GroupMappingForm(provider, "", "", ""));
        pageModel(model);
        return VIEW;
    }

    /**
     * Adds a mapping. A refused request shows the page again with every message next to
     * its field and the rest of the input kept.
     */
    @PostMapping
    String add(@Valid @ModelAttribute(GroupMappingForm.NAME) GroupMappingForm form, BindingResult errors, Model model,
            Principal admin, RedirectAttributes redirect) {
        List<String> wrongFields = errors.getFieldErrors().stream().map(error -> error.getField()).toList();
        administration.problems(form, wrongFields).forEach(problem -> reject(errors, problem));
        if (!errors.hasErrors()) {
            try {
                var added = administration.add(form, admin.getName());
                redirect.addFlashAttribute("success", "Added: members of " + group(added) + " get " + role(added)
                        + ". Signed-in members get it at their next request.");
                return PAGE;
            }
            catch (UserAdministrationException refused) {
                refused.problems().forEach(problem -> reject(errors, problem));
            }
        }
        pageModel(model);
        return VIEW;
    }

    @PostMapping("/{id}/remove")
    String remove(@PathVariable long id, RedirectAttributes redirect) {
        try {
            var removed = administration.remove(id);
            redirect.addFlashAttribute("success",
                    "Removed: members of " + group(removed) + " no longer get " + role(removed)
                            + ". Signed-in members lose it at their next request, unless another mapping "
                            + "gives it.");
        }
        catch (UserAdministrationException refused) {
            redirect.addFlashAttribute("failure", refused.getMessage());
        }
        return PAGE;
    }

    /**
     * The change could not be audited, so it was not made (its transaction rolled back).
     */
    @ExceptionHandler(AuditUnavailableException.class)
    String auditUnavailable(RedirectAttributes redirect) {
        redirect.addFlashAttribute("failure", AuditUnavailableException.OPERATOR_MESSAGE);
        return PAGE;
    }

    private void pageModel(Model model) {
        model.addAttribute("providers", administration.providers());
        model.addAttribute("mappingsByProvider", administration.byProvider());
        var targets = administration.enabledTargets();
        model.addAttribute("targets", targets);
        // A per-target mapping to a target that is disabled or gone gives no right: the
        // page says so.
        model.addAttribute("enabledTargetNames",
                targets.stream().map(target -> target.name().value()).collect(Collectors.toSet()));
        model.addAttribute("roles", List.of(Role.VIEWER, Role.OPERATOR, Role.AUDITOR, Role.ADMIN));
        model.addAttribute("consoleWide", GroupMappingForm.CONSOLE_WIDE);
    }

    /** "group 'x' at 'idp'", for the flash messages. */
    private static String group(GroupMapping mapping) {
        return "group '" + mapping.group() + "' at '" + mapping.provider() + "'";
    }

    /** "OPERATOR on target 'prod'" or "ADMIN console-wide". */
    private static String role(GroupMapping mapping) {
        return mapping.role().name() + mapping.onTarget()
            .map(TargetName::value)
            .map(target -> " on target '" + target + "'")
            .orElse(" console-wide");
    }

    private static void reject(BindingResult errors, UserAdministrationException.Problem problem) {
        if (problem.field() != null) {
            errors.rejectValue(problem.field(), "refused", problem.message());
        }
        else {
            errors.reject("refused", problem.message());
        }
    }

}
