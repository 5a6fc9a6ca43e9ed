package com.cksconsole.security;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.web.filter.OncePerRequestFilter;

import com.cksconsole.web.DatabaseUnavailable;

/**
 * The sessions in the database, through a database outage as the console has always met
 * one ({@link DatabaseUnavailable}):
 * <ul>
 * <li>a session that cannot be <em>read</em> fails the request before anything reaches
 * KMS, and the error page says so (503, "nothing was sent"): {@link Marking} marks the
 * request on the way out;</li>
 * <li>a session that cannot be <em>saved</em> at the end of a request (its last access
 * time, a pending change) does not turn an answer already given into an error: the page
 * that says KMS accepted a change, or that nothing was sent, is what the operator must
 * see. The save is logged and dropped; the next request reads the session as it was.</li>
 * </ul>
 *
 * @param <S> the store's sessions
 */
final class OutageTolerantSessions<S extends Session> implements FindByIndexNameSessionRepository<S> {

    private static final Logger log = LoggerFactory.getLogger(OutageTolerantSessions.class);

    /**
     * Set while the error page of a request whose session could not be read is made: it
     * is made without the session (as for a visitor), instead of failing again.
     */
    private static final ThreadLocal<Boolean> WITHOUT_SESSION = new ThreadLocal<>();

    /**
     * The response of the request on this thread, to tell whether it was sent already.
     */
    private static final ThreadLocal<HttpServletResponse> RESPONSE = new ThreadLocal<>();

    private final FindByIndexNameSessionRepository<S> store;

    OutageTolerantSessions(FindByIndexNameSessionRepository<S> store) {
        this.store = store;
    }

    @Override
    public S createSession() {
        return store.createSession();
    }

    @Override
    public void save(S session) {
        try {
            store.save(session);
        }
        catch (RuntimeException e) { // a DataAccessException, or a TransactionException
            if (!DatabaseUnavailable.isCauseOf(e)) {
                throw e;
            }
            log.warn("A session could not be saved: the console's database is unavailable ({})",
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public @Nullable S findById(String id) {
        if (Boolean.TRUE.equals(WITHOUT_SESSION.get())) {
            return null;
        }
        try {
            return store.findById(id);
        }
        catch (RuntimeException e) { // a DataAccessException, or a TransactionException
            if (!DatabaseUnavailable.isCauseOf(e)) {
                throw e;
            }
            var response = RESPONSE.get();
            if (response != null && response.isCommitted()) {
                // Looked up again when the answer is already on its way (at the end of
                // the
                // request): the answer stands, the session stays as it was.
                log.warn("A session could not be read after the response was sent: the console's database is"
                        + " unavailable ({})", e.getClass().getSimpleName());
                return null;
            }
            throw new SessionUnreadable(e);
        }
    }

    @Override
    public void deleteById(String id) {
        store.deleteById(id);
    }

    @Override
    public Map<String, S> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        return store.findByIndexNameAndIndexValue(indexName, indexValue);
    }

    /** The session store could not be read: nothing of the request has run yet. */
    static final class SessionUnreadable extends DataAccessResourceFailureException {

        SessionUnreadable(Throwable cause) {
            super("The session could not be read: the console's database is unavailable", cause);
        }

    }

    /**
     * Runs before the session filter: a request whose session could not be read gets the
     * database page with 503, marked as failed before any call to KMS, and made without
     * the session (as for a visitor) instead of failing again.
     */
    static final class Marking extends OncePerRequestFilter {

        private static final String UNREADABLE = Marking.class.getName() + ".sessionUnreadable";

        @Override
        protected boolean shouldNotFilterErrorDispatch() {
            return false;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            boolean errorPage = request.getDispatcherType() == DispatcherType.ERROR
                    && request.getAttribute(UNREADABLE) != null;
            if (errorPage) {
                WITHOUT_SESSION.set(Boolean.TRUE);
            }
            var outer = RESPONSE.get();
            RESPONSE.set(response);
            try {
                chain.doFilter(request, response);
            }
            catch (RuntimeException | ServletException e) {
                var unreadable = unreadable(e);
                if (unreadable == null || response.isCommitted()) {
                    throw e;
                }
                DatabaseUnavailable.markBeforeAnyKmsCall(request);
                request.setAttribute(UNREADABLE, Boolean.TRUE);
                request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, unreadable);
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            }
            finally {
                if (errorPage) {
                    WITHOUT_SESSION.remove();
                }
                if (outer == null) {
                    RESPONSE.remove();
                }
                else {
                    RESPONSE.set(outer);
                }
            }
        }

        private static @Nullable SessionUnreadable unreadable(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null
                    : cause.getCause()) {
                if (cause instanceof SessionUnreadable unreadable) {
                    return unreadable;
                }
            }
            return null;
        }

    }

}
