package com.cksconsole.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;

/**
 * Keeps a user whose password must be changed (a generated or reset one) on the password
 * page until they have changed it. The flag is read from the database once, at sign-in,
 * and kept in the session. Not a bean on purpose: as a bean, Boot would also register it
 * as a servlet filter outside the security chain.
 */
class PasswordChangeGate extends OncePerRequestFilter implements AuthenticationSuccessHandler {

    static final String SESSION_FLAG = PasswordChangeGate.class.getName() + ".MUST_CHANGE";
    static final String PASSWORD_PAGE = "/account/password";

    private final UserAccountRepository users;

    private final SavedRequestAwareAuthenticationSuccessHandler defaultSuccess = new SavedRequestAwareAuthenticationSuccessHandler();

    PasswordChangeGate(UserAccountRepository users) {
        this.users = users;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        boolean mustChange = users.findByUsername(authentication.getName())
            .map(UserAccount::mustChangePassword)
            .orElse(false);
        if (mustChange) {
            request.getSession().setAttribute(SESSION_FLAG, Boolean.TRUE);
            response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
            return;
        }
        defaultSuccess.onAuthenticationSuccess(request, response, authentication);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_FLAG) != null && !isAllowedWhileGated(request)) {
            response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isAllowedWhileGated(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(PASSWORD_PAGE) || path.equals("/logout") || path.equals("/error") || path.startsWith("/css/")
                || path.startsWith("/js/") || path.startsWith("/img/");
    }

    /** Lifts the gate once the password has been changed. */
    static void release(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SESSION_FLAG);
        }
    }

}
