package com.cksconsole.security;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditLogAction;
import com.cksconsole.audit.AuditResult;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.AuditTrail;
import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.audit.AuditedActor;

/**
 * A single sign-on that did not end in a session: recorded in the audit log (the refused
 * identity and its groups, or the error for an answer that did not check out), then
 * explained on {@code /sso/refused}.
 */
class SsoSignInFailures implements AuthenticationFailureHandler {

    static final String REFUSED_PAGE = "/sso/refused";

    private static final Logger log = LoggerFactory.getLogger(SsoSignInFailures.class);

    private static final Pattern CALLBACK = Pattern.compile(".*/login/oauth2/code/([a-z0-9][a-z0-9-]{0,31})");

    /** The audit value's room for the groups (they are also on the page). */
    static final int MAX_GROUPS_TEXT = 1000;

    private final AuditTrail audit;

    private final SsoProviders providers;

    SsoSignInFailures(AuditTrail audit, SsoProviders providers) {
        this.audit = audit;
        this.providers = providers;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        String providerId = providerOf(request);
        String error = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode()
                : exception.getClass().getSimpleName();
        var intent = AuditIntent.of(AuditLogAction.SIGN_IN, AuditTarget.none()).value("provider", providerId);
        SsoRefusal refusal;
        if (exception instanceof SsoRefusedException refused) {
            intent.value("groups", groupsText(refused.groups()));
            record(intent.build(),
                    AuditResult.failed("NoConsoleRole", "No group of the user is mapped to a role", null, null),
                    () -> refusedName(refused));
            refusal = new SsoRefusal((providerId.isEmpty() ? "the identity provider" : providers.label(providerId)),
                    error, refused.displayName(), refused.groups());
        }
        else {
            intent.value("error", error);
            record(intent.build(), AuditResult.failed("SingleSignOnFailed", "Single sign-on refused", null, null),
                    null);
            refusal = new SsoRefusal((providerId.isEmpty() ? "the identity provider" : providers.label(providerId)),
                    error, "", List.of());
        }
        request.getSession().setAttribute(SsoRefusal.SESSION_ATTRIBUTE, refusal);
        response.sendRedirect(request.getContextPath() + REFUSED_PAGE);
    }

    private void record(AuditIntent intent, AuditResult result, @Nullable AuditedActor actor) {
        try {
            if (actor == null) {
                audit.record(intent, result);
            }
            else {
                audit.record(intent, result, actor);
            }
        }
        catch (AuditUnavailableException e) {
            log.error("The refused single sign-on could not be stored in the audit log (the AUDIT log line has it)");
        }
    }

    private static String refusedName(SsoRefusedException refused) {
        return SsoUser.auditName(refused.consoleName(), refused.displayName());
    }

    static String providerOf(HttpServletRequest request) {
        var matcher = CALLBACK.matcher(request.getRequestURI());
        return matcher.matches() ? matcher.group(1) : "";
    }

    static String groupsText(List<String> groups) {
        String text = String.join(", ", groups);
        return text.length() <= MAX_GROUPS_TEXT ? text : text.substring(0, MAX_GROUPS_TEXT - 1) + "…";
    }

}
