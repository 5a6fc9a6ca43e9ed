package com.cksconsole.users;

import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
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
import com.cksconsole.security.accounts.PasswordPolicy;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.TargetGrant;
import com.cksconsole.targets.RegisteredTarget;

/**
 * The Users pages (ADMIN only, enforced by the security configuration): a thin layer over
 * the service.
 */
@Controller
@RequestMapping("/users")
class UserAdministrationController {

    static final String LIST_VIEW = "users/list";
    static final String NEW_VIEW = "users/new";
    static final String DETAIL_VIEW = "users/detail";

    private final UserAdministrationService service;

    UserAdministrationController(UserAdministrationService service) {
        this.service = service;
    }

    /**
     * Only the fields of the forms bind: nothing else of a request can reach the service.
     */
    @InitBinder
    void allowOnlyFormFields(WebDataBinder binder) {
        binder.setAllowedFields("username", "roles", "password", "grantTarget", "grantRole", "target", "role");
    }

    @ModelAttribute("allRoles")
    Set<Role> allRoles() {
        return UserAdministrationService.allRoles();
    }

    /** The roles a target grant may give, in the order the forms offer them. */
    @ModelAttribute("grantableRoles")
    List<Role> grantableRoles() {
        return List.of(Role.VIEWER, Role.OPERATOR);
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("users", service.all());
        model.addAttribute("grants", service.grantsByUser());
        return LIST_VIEW;
    }

    @GetMapping("/new")
    String newUser(Model model) {
        model.addAttribute("user", UserForms.NewUser.empty());
        newUserPage(model);
        return NEW_VIEW;
    }

    private void newUserPage(Model model) {
        model.addAttribute("usernameRule", UserAdministrationService.USERNAME_RULE);
        model.addAttribute("passwordHint", PasswordPolicy.HINT);
        model.addAttribute("targets", service.targets());
    }

    @PostMapping
    String create(@ModelAttribute("user") UserForms.NewUser form, Model model, Principal admin,
            RedirectAttributes redirect) {
        String username = form.username() == null ? "" : form.username().strip();
        try {
            service.create(username, roles(form.roles()), nullToEmpty(form.password()), form.grant(), admin.getName());
        }
        catch (UserAdministrationException refused) {
            var errors = new BeanPropertyBindingResult(
                    new UserForms.NewUser(username, form.roles(), "", form.grantTarget(), form.grantRole()), "user");
            reject(errors, refused);
            model.addAttribute("user", errors.getTarget());
            model.addAttribute("org.springframework.validation.BindingResult.user", errors);
            newUserPage(model);
            return NEW_VIEW;
        }
        redirect.addFlashAttribute("success", "User '" + username + "' was created. They must change the "
                + "initial password at their first sign-in.");
        return "redirect:/users/" + username;
    }

    @GetMapping("/{username}")
    String detail(@PathVariable String username, Model model) {
        if (!model.containsAttribute("grant")) {
            model.addAttribute("grant", UserForms.Grant.empty());
        }
        detailPage(username, model);
        return DETAIL_VIEW;
    }

    private void detailPage(String username, Model model) {
        model.addAttribute("account", service.get(username));
        model.addAttribute("passwordHint", PasswordPolicy.HINT);
        List<RegisteredTarget> targets = service.targets();
        model.addAttribute("targets", targets);
        List<TargetGrant> grants = service.grantsOf(username);
        model.addAttribute("targetGrants", grants);
        // A grant on a target the console no longer knows gives no right: the page says
        // so.
        model.addAttribute("knownTargets",
                targets.stream().map(target -> target.name().value()).collect(Collectors.toSet()));
    }

    /**
     * Gives the user a role on one target. A refused request shows the page again with
     * the message next to the field and the choice kept.
     */
    @PostMapping("/{username}/grants")
    String grant(@PathVariable String username, @ModelAttribute("grant") UserForms.Grant form, Model model,
            Principal admin, RedirectAttributes redirect) {
        try {
            service.grant(username, form.request(), admin.getName());
        }
        catch (UserAdministrationException refused) {
            var errors = new BeanPropertyBindingResult(form, "grant");
            reject(errors, refused);
            model.addAttribute("org.springframework.validation.BindingResult.grant", errors);
            detailPage(username, model);
            return DETAIL_VIEW;
        }
        redirect.addFlashAttribute("success",
                "'" + username + "' now has " + form.role() + " on target '" + form.target() + "'.");
        return "redirect:/users/" + username;
    }

    @PostMapping("/{username}/grants/{target}/revoke")
    String revoke(@PathVariable String username, @PathVariable String target, RedirectAttributes redirect) {
        return act(username, redirect, () -> service.revoke(username, target),
                "'" + username + "' no longer has a role on target '" + target + "'.");
    }

    @PostMapping("/{username}/roles")
    String changeRoles(@PathVariable String username, @ModelAttribute UserForms.Roles form,
            RedirectAttributes redirect) {
        return act(username, redirect, () -> service.changeRoles(username, roles(form.roles())),
                "The roles of '" + username + "' were changed.");
    }

    @PostMapping("/{username}/disable")
    String disable(@PathVariable String username, RedirectAttributes redirect) {
        return act(username, redirect, () -> service.disable(username), "'" + username + "' was disabled.");
    }

    @PostMapping("/{username}/enable")
    String enable(@PathVariable String username, RedirectAttributes redirect) {
        return act(username, redirect, () -> service.enable(username), "'" + username + "' was enabled again.");
    }

    @PostMapping("/{username}/password")
    String resetPassword(@PathVariable String username, @ModelAttribute UserForms.PasswordReset form,
            RedirectAttributes redirect) {
        return act(username, redirect, () -> service.resetPassword(username, nullToEmpty(form.password())),
                "The password of '" + username + "' was reset. They must change it at their next sign-in.");
    }

    /**
     * Runs one change and reports it with POST-redirect-GET; a refusal comes back as a
     * flash message.
     */
    private static String act(String username, RedirectAttributes redirect, Runnable change, String success) {
        try {
            change.run();
            redirect.addFlashAttribute("success", success);
        }
        catch (UserAdministrationException refused) {
            redirect.addFlashAttribute("failure", refused.getMessage());
        }
        return "redirect:/users/" + username;
    }

    /**
     * The change could not be audited, so it was not made (its transaction rolled back).
     */
    @ExceptionHandler(AuditUnavailableException.class)
    String auditUnavailable(RedirectAttributes redirect) {
        redirect.addFlashAttribute("failure", AuditUnavailableException.OPERATOR_MESSAGE);
        return "redirect:/users";
    }

    /**
     * Puts every broken rule on its field (or the whole form), so that all of them show
     * at once.
     */
    private static void reject(BeanPropertyBindingResult errors, UserAdministrationException refused) {
        for (var problem : refused.problems()) {
            if (problem.field() != null) {
                errors.rejectValue(problem.field(), "refused", problem.message());
            }
            else {
                errors.reject("refused", problem.message());
            }
        }
    }

    private static Set<Role> roles(@Nullable Set<Role> roles) {
        return roles == null ? Set.of() : roles;
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

}
