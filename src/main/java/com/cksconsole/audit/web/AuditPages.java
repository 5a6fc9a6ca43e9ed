package com.cksconsole.audit.web;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.audit.AuditUnavailableException;

/**
 * What every audit page shares: its entry in the main navigation (marked as the current
 * one), and the page of the feature's one failure that reaches it. An unknown or
 * malformed event ID is a plain 404 ({@code ResponseStatusException}), the console's own
 * page. The actions that must be recorded (checks, checkpoints, verification) catch a
 * failed record themselves and say what was not done.
 */
@ControllerAdvice(basePackageClasses = AuditPages.class)
class AuditPages {

    static final String SECTION = "audit";

    @ModelAttribute("navSection")
    String navSection() {
        return SECTION;
    }

    /**
     * An export that could not be recorded is not started (no record, no export).
     * Elsewhere the exception is passed on as it is (Spring MVC hands it to the next
     * resolver): those actions say themselves what was not done.
     */
    @ExceptionHandler(AuditUnavailableException.class)
    String exportNotRecorded(AuditUnavailableException e, HandlerMethod handler, RedirectAttributes redirect) {
        if (!AuditExportController.class.isAssignableFrom(handler.getBeanType())) {
            throw e;
        }
        redirect.addFlashAttribute("failure",
                "Nothing was exported: the export could not be recorded in the audit " + "log.");
        return "redirect:/audit";
    }

}
