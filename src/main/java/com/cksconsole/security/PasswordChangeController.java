package com.cksconsole.security;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.AuditTrail;
import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.security.accounts.PasswordHashes;
import com.cksconsole.security.accounts.PasswordPolicy;
import com.cksconsole.security.accounts.UnknownUserException;
import com.cksconsole.security.accounts.UserAccountRepository;

/**
 * Lets a signed-in user change their own password (required after a generated or reset
 * one).
 */
@Controller
@RequestMapping(PasswordChangeGate.PASSWORD_PAGE)
class PasswordChangeController {

    static final String VIEW = "account/password";
    static final String FORM = "passwordForm";

    static final String THROTTLED = "Too many wrong passwords for this account: wait a few minutes before you try "
            + "again.";

    private final UserAccountRepository users;

    private final PasswordEncoder passwordEncoder;

    private final PasswordPolicy passwordPolicy;

    private final CurrentPasswordCheck currentPassword;

    private final AuditTrail audit;

    PasswordChangeController(UserAccountRepository users, PasswordEncoder passwordEncoder,
            PasswordPolicy passwordPolicy, CurrentPasswordCheck currentPassword, AuditTrail audit) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.currentPassword = currentPassword;
        this.audit = audit;
    }

    @GetMapping
    String form(Model model, HttpServletRequest request, Principal principal) {
        model.addAttribute("singleSignOn", singleSignOn(principal));
        model.addAttribute(FORM, PasswordChangeForm.empty());
        model.addAttribute("mustChange", mustChange(request));
        model.addAttribute("passwordHint", PasswordPolicy.HINT);
        return VIEW;
    }

    @PostMapping
    String change(@Valid @ModelAttribute(FORM) PasswordChangeForm form, BindingResult errors, Principal principal,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        if (singleSignOn(principal)) {
            // No console password exists for such a user: nothing to check or change.
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("singleSignOn", true);
            return VIEW;
        }
        var account = users.findByUsername(principal.getName())
            .orElseThrow(() -> new UnknownUserException(principal.getName()));
        // Every problem of the form at once, each on its field.
        if (!errors.hasFieldErrors("currentPassword")) {
            switch (currentPassword.check(account, form.currentPassword(), request.getRemoteAddr())) {
                case WRONG -> errors.rejectValue("currentPassword", "wrong", "The current password is not correct.");
                case THROTTLED -> errors.rejectValue("currentPassword", "throttled", THROTTLED);
                case RIGHT -> {
                }
            }
        }
        if (!errors.hasFieldErrors("newPassword")) {
            passwordPolicy.violations(account.username(), form.newPassword())
                .forEach(reason -> errors.rejectValue("newPassword", "policy", reason));
            if (form.newPassword().equals(form.currentPassword())) {
                errors.rejectValue("newPassword", "same", "Choose a password different from the current one.");
            }
        }
        if (!errors.hasFieldErrors("confirmPassword") && !form.confirmPassword().equals(form.newPassword())) {
            errors.rejectValue("confirmPassword", "mismatch", "The two new passwords differ.");
        }
        if (errors.hasErrors()) {
            model.addAttribute("mustChange", mustChange(request));
            model.addAttribute("passwordHint", PasswordPolicy.HINT);
            return VIEW;
        }
        long sessionVersion;
        try {
            sessionVersion = audit.attempt(
                    AuditIntent.of(SecurityAuditAction.CHANGE_OWN_PASSWORD, AuditTarget.none()).build(),
                    outcome -> users.updatePassword(account.username(),
                            PasswordHashes.hash(passwordEncoder, form.newPassword())));
        }
        catch (AuditUnavailableException e) {
            errors.reject("auditUnavailable", AuditUnavailableException.OPERATOR_MESSAGE);
            model.addAttribute("mustChange", mustChange(request));
            model.addAttribute("passwordHint", PasswordPolicy.HINT);
            return VIEW;
        }
        // The user's other sessions end at their next request; this one goes on.
        SessionRightsFilter.keepCurrentSession(request, response, sessionVersion);
        PasswordChangeGate.release(request);
        redirect.addFlashAttribute("success", "Your password has been changed.");
        return "redirect:/";
    }

    private static boolean mustChange(HttpServletRequest request) {
        var session = request.getSession(false);
        return session != null && session.getAttribute(PasswordChangeGate.SESSION_FLAG) != null;
    }

    /** A single-sign-on user's password is their identity provider's business. */
    private static boolean singleSignOn(Principal principal) {
        return principal instanceof Authentication authentication && authentication.getPrincipal() instanceof SsoUser;
    }

}
