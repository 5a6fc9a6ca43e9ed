package com.cksconsole.keystore.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.DataAccessException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.http.HttpStatus;

import com.cksconsole.targets.TargetPermissions;
import org.springframework.transaction.TransactionException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.TargetNotUsableException;

/**
 * What every key store page shares: its entry in the main navigation, the KMS limits its
 * hints quote, and the pages, in the console's look, of the feature's expected failures.
 * Never a stack trace or exception text. A new key store page gets all of this by living
 * in this package.
 */
@ControllerAdvice(basePackageClasses = KeyStorePages.class)
class KeyStorePages {

    /**
     * Looked up once: resolving an optional bean on every page cost more than the rule.
     */
    private final SingletonSupplier<TargetPermissions> permissions;

    KeyStorePages(ObjectProvider<TargetPermissions> permissions) {
        this.permissions = SingletonSupplier.of(permissions::getIfAvailable);
    }

    static final String SECTION = "key-stores";
    static final String NOT_FOUND_VIEW = "keystores/not-found";
    static final String KMS_PROBLEM_VIEW = "keystores/kms-problem";
    static final String NOT_SENT_VIEW = "keystores/not-sent";

    @ModelAttribute("navSection")
    String navSection() {
        return SECTION;
    }

    /**
     * Whether the signed-in user may change the stores of the page's target (a global
     * OPERATOR role, or an OPERATOR grant on it): the pages offer the change buttons only
     * then (the handlers check it again).
     */
    @ModelAttribute("mayChangeTarget")
    boolean mayChangeTarget() {
        TargetPermissions answer = permissions.get();
        return answer != null && answer.mayChangeRequestedTarget();
    }

    @ModelAttribute("kmsLimits")
    KmsLimits kmsLimits() {
        return KmsLimits.CURRENT;
    }

    /** An unknown key store ID: 404 with the console's page, never a 500. */
    @ExceptionHandler(KeyStoreNotFoundException.class)
    String notFound(KeyStoreNotFoundException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("keyStoreId", e.keyStoreId());
        return NOT_FOUND_VIEW;
    }

    /**
     * A URL naming a target the console does not use (unknown, disabled, refused by its
     * check): 404.
     */
    @ExceptionHandler(TargetNotUsableException.class)
    String targetNotUsable(TargetNotUsableException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("targetName", e.targetName());
        return NOT_FOUND_VIEW;
    }

    @ExceptionHandler(GuidedRunNotFoundException.class)
    String runNotFound(GuidedRunNotFoundException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("keyStoreId", e.keyStoreId());
        model.addAttribute("runNotFound", true);
        return NOT_FOUND_VIEW;
    }

    /** KMS not answering: 503, with a retry link. */
    @ExceptionHandler(KmsCallException.class)
    String kmsProblem(KmsCallException e, Model model, HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        model.addAttribute("problem", KmsProblem.of(e.failure()));
        // Retrying a GET is safe; after a POST the operator starts again from the list.
        model.addAttribute("retryUrl", "GET".equals(request.getMethod())
                ? request.getRequestURI().substring(request.getContextPath().length()) : KeyStoreListController.PATH);
        return KMS_PROBLEM_VIEW;
    }

    /**
     * The console's database failed while the review page checked, started or applied a
     * change (the change lock, the audit log, a guided change's record): nothing was sent
     * to KMS, since every write of that controller comes before the KMS call it guards
     * (an apply's outcome and lock release never fail it afterwards). A page that needs
     * no database says so. On the other key store pages the same failure is the console's
     * own database page ({@code com.cksconsole.web.ConsoleErrorController}): the
     * exception is passed on as it is, which Spring MVC hands to the next resolver.
     */
    @ExceptionHandler({ DataAccessException.class, TransactionException.class, AuditUnavailableException.class })
    String databaseUnavailable(Exception e, HandlerMethod handler, HttpServletRequest request,
            HttpServletResponse response, Model model) throws Exception {
        if (!KeyStoreReviewController.class.isAssignableFrom(handler.getBeanType())) {
            throw e;
        }
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("id") instanceof String id) {
            model.addAttribute("storeId", id);
        }
        model.addAttribute("message", KeyStoreReviewController.NOT_SENT);
        return NOT_SENT_VIEW;
    }

}
