package com.cksconsole.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;

/**
 * A request for a static file as the rest of the chain sees it: without a session, and
 * unable to start one ({@link StaticAssetCaching} wraps it right behind Spring Session's
 * filter). The files' security chain never looks at the session, but Spring MVC asks the
 * flash-map manager for a redirect's attributes on every request it dispatches, a file's
 * included: with sessions in the database that was a session read (and a write of its
 * last access time) for every stylesheet and script, and a 503 for them during a database
 * outage. A file has nothing to keep, so it neither reads the session, extends it, nor
 * depends on the database.
 */
final class SessionlessRequest extends HttpServletRequestWrapper {

    SessionlessRequest(HttpServletRequest request) {
        super(request);
    }

    @Override
    public @Nullable HttpSession getSession(boolean create) {
        if (create) {
            throw new IllegalStateException("A static file is served without a session");
        }
        return null;
    }

    @Override
    public HttpSession getSession() {
        throw new IllegalStateException("A static file is served without a session");
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        return false;
    }

}
