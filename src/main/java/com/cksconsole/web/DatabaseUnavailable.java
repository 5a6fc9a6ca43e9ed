package com.cksconsole.web;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.ServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure of the console's database itself (no connection, the server gone, the
 * pool exhausted) from other failures: the former is a passing outage the operator should
 * hear about in plain words, with 503, not "something went wrong".
 */
public final class DatabaseUnavailable {

    /**
     * Request attribute set by code that failed on the database before anything could
     * reach KMS (the rights check of every signed-in request), so that the error page can
     * say truthfully that nothing was sent.
     */
    public static final String BEFORE_ANY_KMS_CALL = DatabaseUnavailable.class.getName() + ".beforeAnyKmsCall";

    private DatabaseUnavailable() {
    }

    /**
     * Marks the request as failed before any call to KMS (see
     * {@link #BEFORE_ANY_KMS_CALL}).
     */
    public static void markBeforeAnyKmsCall(ServletRequest request) {
        request.setAttribute(BEFORE_ANY_KMS_CALL, Boolean.TRUE);
    }

    /** Whether the failure, or any cause of it, is the database being unreachable. */
    public static boolean isCauseOf(@Nullable Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }

}
