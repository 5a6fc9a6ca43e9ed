package com.cksconsole.audit.web;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Marks the audit log's entry in the main navigation as the current one on the audit pages. */
@ControllerAdvice(basePackageClasses = AuditNavigation.class)
class AuditNavigation {

    static final String SECTION = "audit";

    @ModelAttribute("navSection")
    String navSection() {
        return SECTION;
    }
}
