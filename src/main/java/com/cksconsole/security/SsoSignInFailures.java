package com.cksconsole.security;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditLogAction;
import com.cksconsole.audit.AuditResult;
import com.cksconsole.audit.AuditTarget;

/**
 * A single sign-on that did not end in a session: recorded in the audit log (the refused
 * identity and its groups, or the error for an answer that did not check out), then
 * explained on {@code /sso/refused}.
 */
class SsoSignInFailures implements AuthenticationFailureHandler {

    static final String REFUSED_PAGE = "/sso/refused";

    private static final Pattern CALLBACK = Pattern.compile(".*/login/oauth2/code/([a-z0-9][a-z0-9-]{0,31})");

    /** The audit value's room for the groups (they are also on the page). */
    static final int MAX_GROUPS_TEXT = 1000;

    private final SecurityAuditing audit;

    private final SsoProviders providers;

    SsoSignInFailures(SecurityAuditing audit, SsoProviders providers) {
        this.audit = audit;
        this.providers = providers;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        String providerId = providerOf(request);
        String error = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode()
                : exception.getClass().getSimpleName();
        String label = providerId.isEmpty() ? "the identity provider" : providers.label(providerId);
        var intent = AuditIntent.of(AuditLogAction.SIGN_IN, AuditTarget.none()).value("provider", providerId);
        SsoRefusal refusal;
        if (exception instanceof SsoRefusedException refused) {
            intent.value("groups", groupsText(refused.groups()));
            audit.singleSignOnRefused(intent,
                    AuditResult.failed("NoConsoleRole", "No group of the user is mapped to a role", null, null),
                    () -> SsoUser.auditName(refused.consoleName(), refused.displayName()));
            refusal = new SsoRefusal(label, error, refused.displayName(), refused.groups());
        }
        else {
            intent.value("error", error);
            audit.singleSignOnRefused(intent,
                    AuditResult.failed("SingleSignOnFailed", "Single sign-on refused", null, null), null);
            refusal = new SsoRefusal(label, error, "", List.of());
        }
        request.getSession().setAttribute(SsoRefusal.SESSION_ATTRIBUTE, refusal);
        response.sendRedirect(request.getContextPath() + REFUSED_PAGE);
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
