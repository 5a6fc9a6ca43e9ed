package com.cksconsole.sandbox.xksproxy;

/**
 * How the sandbox proxy answers an authentic GetHealthStatus for one path prefix. The
 * error behaviours cover every error of the spec's table that applies to GetHealthStatus,
 * plus a few a real proxy should not send but a console must survive.
 */
public enum ProxyBehaviour {

    /** 200, every external key manager ACTIVE. */
    HEALTHY,
    /**
     * 200, one external key manager DEGRADED, the rest ACTIVE (still counts as healthy).
     */
    DEGRADED,
    /**
     * 200, of several external key managers exactly one ACTIVE and the rest UNAVAILABLE:
     * KMS still works, one failure away from an outage.
     */
    ONE_EKM_LEFT,
    /** 200, every external key manager UNAVAILABLE. */
    UNAVAILABLE,
    /**
     * A healthy answer, but only after twice {@code console.xks.timeout}: KMS gives up
     * first.
     */
    SLOW,
    /** 404 InvalidUriPathException, as for a path the proxy does not serve. */
    REJECT_PATH,
    /**
     * 403 AccessDeniedException (the spec exempts health calls from authorization; a
     * faulty proxy may not).
     */
    ACCESS_DENIED,
    /** 400 ValidationException. */
    VALIDATION_ERROR,
    /**
     * 400 InvalidStateException: the key store is disabled or blocked in the external key
     * manager.
     */
    INVALID_STATE,
    /** 500 InternalException. */
    INTERNAL_ERROR,
    /** 429 ThrottlingException. */
    THROTTLED,
    /** 501 UnsupportedOperationException. */
    UNSUPPORTED_OPERATION,
    /** 503 DependencyTimeoutException. */
    DEPENDENCY_TIMEOUT,
    /**
     * 200 with a body that is not a valid health answer (no external key manager listed).
     */
    MALFORMED,
    /**
     * 502 with an HTML page instead of a JSON error body, as a load balancer in front of
     * a dead proxy sends.
     */
    ERROR_WITHOUT_JSON

}
