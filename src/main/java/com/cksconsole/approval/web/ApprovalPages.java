package com.cksconsole.approval.web;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

import com.cksconsole.approval.ApprovalRefusedException;
import com.cksconsole.audit.AuditUnavailableException;

/**
 * What the approval pages share: their section of the navigation, and the pages of the
 * expected failures (404 for a request that is not there, 503 when the audit log cannot
 * record a change, so it was not made). Never a stack trace.
 */
@ControllerAdvice(basePackageClasses = ApprovalPages.class)
class ApprovalPages {

    static final String PROBLEM_VIEW = "approvals/problem";

    @ModelAttribute("navSection")
    String navSection() {
        return "approvals";
    }

    @ExceptionHandler(ApprovalRequestNotFoundException.class)
    String requestNotFound(Model model, HttpServletResponse response) {
        return notFound(model, response);
    }

    /**
     * The service did not find it either (it was there a moment before the answer:
     * nothing else removes a request, so only a malformed ID gets here).
     */
    @ExceptionHandler(ApprovalRefusedException.class)
    String refused(ApprovalRefusedException refused, Model model, HttpServletResponse response) {
        if (refused.reason() == ApprovalRefusedException.Reason.NOT_FOUND) {
            return notFound(model, response);
        }
        response.setStatus(HttpStatus.CONFLICT.value());
        model.addAttribute("problemTitle", "Refused");
        model.addAttribute("message", refused.getMessage());
        return PROBLEM_VIEW;
    }

    @ExceptionHandler(AuditUnavailableException.class)
    String auditUnavailable(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        model.addAttribute("problemTitle", "Nothing was changed");
        model.addAttribute("message", AuditUnavailableException.OPERATOR_MESSAGE);
        return PROBLEM_VIEW;
    }

    private static String notFound(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("problemTitle", "No such approval request");
        model.addAttribute("message",
                "There is no approval request at this address. The list of requests has " + "every one you may see.");
        return PROBLEM_VIEW;
    }

}
