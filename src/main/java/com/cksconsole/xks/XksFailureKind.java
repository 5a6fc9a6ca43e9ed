package com.cksconsole.xks;

/**
 * Why a GetHealthStatus call failed, with what KMS makes of it (XKS proxy API
 * specification, Errors): the exception CreateCustomKeyStore/UpdateCustomKeyStore throw,
 * and the ConnectionErrorCode a ConnectCustomKeyStore ends in. Where the KMS
 * documentation does not state a Connect mapping, the choice is noted.
 */
public enum XksFailureKind {

    /** TCP connection failed or the host is unknown. */
    UNREACHABLE("XksProxyUriUnreachableException", "XKS_PROXY_NOT_REACHABLE"),
    /** TLS handshake failed. */
    TLS_HANDSHAKE_FAILED("XksProxyUriUnreachableException", "XKS_PROXY_INVALID_TLS_CONFIGURATION"),
    /** No answer within the time budget (250 ms at KMS). */
    TIMED_OUT("XksProxyUriUnreachableException", "XKS_PROXY_TIMED_OUT"),
    /** 200 with every external key manager UNAVAILABLE. */
    ALL_EXTERNAL_KEY_MANAGERS_UNAVAILABLE("XksProxyUriUnreachableException", "XKS_PROXY_NOT_REACHABLE"),
    /** 401 AuthenticationFailedException: wrong access key ID or signature. */
    AUTHENTICATION_FAILED("XksProxyIncorrectAuthenticationCredentialException", "INVALID_CREDENTIALS"),
    /** 404 InvalidUriPathException: wrong XksProxyUriPath. */
    INVALID_URI_PATH("XksProxyInvalidConfigurationException", "XKS_PROXY_INVALID_CONFIGURATION"),
    /**
     * 403 AccessDeniedException (health calls are normally exempt from proxy
     * authorization).
     */
    ACCESS_DENIED("XksProxyInvalidResponseException", "XKS_PROXY_ACCESS_DENIED"),
    /** 400 ValidationException. */
    VALIDATION_ERROR("XksProxyInvalidResponseException", "XKS_PROXY_INVALID_RESPONSE"),
    /** 500 InternalException (Connect mapping unconfirmed; INVALID_RESPONSE chosen). */
    INTERNAL_ERROR("XksProxyInvalidResponseException", "XKS_PROXY_INVALID_RESPONSE"),
    /**
     * 429 ThrottlingException (Connect mapping unconfirmed; NOT_REACHABLE chosen, as for
     * Create/Update).
     */
    THROTTLED("XksProxyUriUnreachableException", "XKS_PROXY_NOT_REACHABLE"),
    /** 503 DependencyTimeoutException (Connect mapping unconfirmed; TIMED_OUT chosen). */
    DEPENDENCY_TIMEOUT("XksProxyUriUnreachableException", "XKS_PROXY_TIMED_OUT"),
    /** Any other error answer, an HTTP error without JSON, or a malformed body. */
    INVALID_RESPONSE("XksProxyInvalidResponseException", "XKS_PROXY_INVALID_RESPONSE");

    private final String kmsExceptionOnCreateOrUpdate;

    private final String connectionErrorCodeOnConnect;

    XksFailureKind(String kmsExceptionOnCreateOrUpdate, String connectionErrorCodeOnConnect) {
        this.kmsExceptionOnCreateOrUpdate = kmsExceptionOnCreateOrUpdate;
        this.connectionErrorCodeOnConnect = connectionErrorCodeOnConnect;
    }

    /** The exception name CreateCustomKeyStore and UpdateCustomKeyStore answer with. */
    public String kmsExceptionOnCreateOrUpdate() {
        return kmsExceptionOnCreateOrUpdate;
    }

    /** The ConnectionErrorCode a ConnectCustomKeyStore ends in (state FAILED). */
    public String connectionErrorCodeOnConnect() {
        return connectionErrorCodeOnConnect;
    }

}
