package com.cksconsole.keys.web;

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
 * What every keys page shares: the key stores entry of the main navigation, whether the
 * user may change the target, and the pages of the expected failures (404 for an unknown
 * target, store or key; 503 when KMS or the audit log cannot be used). Never a stack
 * trace or KMS free text.
 */
@ControllerAdvice(basePackageClasses = KeyPages.class)
class KeyPages {

    /**
     * Who may change the keys of the page's target: a global OPERATOR (ADMIN through the
     * role hierarchy) or an OPERATOR grant on that target, the rule of the key store
     * pages.
     */
    static final String MAY_CHANGE = "@targetPermissions.mayChangeRequestedTarget()";

    static final String PROBLEM_VIEW = "keys/problem";

    private final SingletonSupplier<TargetPermissions> permissions;

    KeyPages(ObjectProvider<TargetPermissions> permissions) {
        this.permissions = SingletonSupplier.of(permissions::getIfAvailable);
    }

    @ModelAttribute("navSection")
    String navSection() {
        return "key-stores";
    }

    /** The pages offer the change buttons only then (the handlers check it again). */
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

    @ExceptionHandler(KeyNotFoundException.class)
    String keyNotFound(KeyNotFoundException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("title", "KMS key not found");
        model.addAttribute("message", "The key store holds no KMS key with the ID " + e.keyId()
                + ". It may have been deleted, or the address is mistyped.");
        return PROBLEM_VIEW;
    }

    /** KMS could not be asked for what the page needs: 503. */
    @ExceptionHandler(KmsCallException.class)
    String kmsProblem(KmsCallException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        model.addAttribute("title", "KMS could not be asked");
        model.addAttribute("message", KeyFailureText.of(e.failure()));
        return PROBLEM_VIEW;
    }

    /** The audit log cannot record the intent: nothing was sent to KMS. */
    @ExceptionHandler(AuditUnavailableException.class)
    String auditUnavailable(AuditUnavailableException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        model.addAttribute("title", "Nothing was changed");
        model.addAttribute("message", AuditUnavailableException.OPERATOR_MESSAGE);
        return PROBLEM_VIEW;
    }

}
