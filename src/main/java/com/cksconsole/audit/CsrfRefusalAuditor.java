package com.cksconsole.audit;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;

/**
 * The console's access-denied handler: records refusals for a missing or invalid CSRF
 * token (Spring Security publishes no event for those), then answers as the default
 * handler does. Role refusals are recorded from their {@code AuthorizationDeniedEvent}
 * instead, so nothing is recorded twice.
 */
@Component
class CsrfRefusalAuditor implements AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(CsrfRefusalAuditor.class);

    private final AuditTrail trail;

    private final AccessDeniedHandler delegate = new AccessDeniedHandlerImpl();

    CsrfRefusalAuditor(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refusal)
            throws IOException, ServletException {
        if (refusal instanceof CsrfException) {
            try {
                trail.record(AuditIntent.of(AuditLogAction.ACCESS_DENIED, AuditTarget.none())
                    .value("method", request.getMethod())
                    .value("path", SecurityEventAuditor.path(request))
                    .build(), AuditResult.denied("The CSRF token was missing or invalid"));
            }
            catch (AuditUnavailableException e) {
                log.error("A CSRF refusal could not be stored in the audit log (the AUDIT log line has it)");
            }
        }
        delegate.handle(request, response, refusal);
    }

}
