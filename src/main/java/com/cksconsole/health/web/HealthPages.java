package com.cksconsole.health.web;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.TargetNotUsableException;
import com.cksconsole.targets.TargetPermissions;

/**
 * What every health page shares: the Health entry of the main navigation, whether the
 * user may change the page's target, and the pages of the expected failures (404 for an
 * unknown target or store; 503 when KMS or the audit log cannot be used). Never a stack
 * trace.
 */
@ControllerAdvice(basePackageClasses = HealthPages.class)
class HealthPages {

    /**
     * Who may set or remove a store's monitoring credential: a global OPERATOR (ADMIN
     * through the role hierarchy) or an OPERATOR grant on the page's target, as for every
     * change of a key store.
     */
    static final String MAY_CHANGE = "@targetPermissions.mayChangeRequestedTarget()";

    static final String PROBLEM_VIEW = "health/problem";

    private final SingletonSupplier<TargetPermissions> permissions;

    HealthPages(ObjectProvider<TargetPermissions> permissions) {
        this.permissions = SingletonSupplier.of(permissions::getIfAvailable);
    }

    @ModelAttribute("navSection")
    String navSection() {
        return "health";
    }

    /** The pages offer the credential form only then (the handlers check it again). */
    @ModelAttribute("mayChangeTarget")
    boolean mayChangeTarget() {
        TargetPermissions answer = permissions.get();
        return answer != null && answer.mayChangeRequestedTarget();
    }

    @ExceptionHandler(KeyStoreNotFoundException.class)
    String storeNotFound(KeyStoreNotFoundException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("keyStoreId", e.keyStoreId());
        return "keystores/not-found";
    }

    @ExceptionHandler(TargetNotUsableException.class)
    String targetNotUsable(TargetNotUsableException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("targetName", e.targetName());
        return "keystores/not-found";
    }

    /**
     * KMS could not be asked (the store's page reads the shared snapshot; setting a
     * credential reads the access key ID KMS uses): 503.
     */
    @ExceptionHandler(KmsCallException.class)
    String kmsProblem(KmsCallException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        model.addAttribute("problemTitle", "KMS could not be asked");
        model.addAttribute("message", "The console could not read the key store from KMS (" + e.failure().kind()
                + "). Nothing was changed. Try again in a moment.");
        return PROBLEM_VIEW;
    }

    /** The audit log cannot record the change: nothing was stored. */
    @ExceptionHandler(AuditUnavailableException.class)
    String auditUnavailable(AuditUnavailableException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        model.addAttribute("problemTitle", "Nothing was changed");
        model.addAttribute("message", AuditUnavailableException.OPERATOR_MESSAGE);
        return PROBLEM_VIEW;
    }

}
